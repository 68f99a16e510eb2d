"""Each bundled hosted service walked on a phone (390x844, touch) in Arabic and in French by one driver
(``walk``): a mistake on every step, the browser's Back and reload after every step, the exit page where the
service declares one, the receipt and its acknowledgement PDF. Screenshots go to ``PORTAL_SCREENSHOTS`` when set."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page

from portal.registry.toolkit import BodyPlugin, Schema
from services.cacobatph import Cacobatph
from services.cacobatph.complaints import APPLICANTS, CATEGORIES, ComplaintSchema
from services.cacobatph.declaration import DeclarationSchema
from services.cnas import Cnas
from services.cnas.abroad import AbroadSchema
from services.cnas.maternity import MaternitySchema
from services.mtess import Mtess
from services.mtess.representativeness import KINDS, SCOPES, RepresentativenessSchema
from tests.services.browser.walk import CORE, Answer, Ineligible, Journey, Mistake, Step, Texts, Walk

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PORTAL_SCREENSHOTS", "")
NAME: Texts = {locale: words["name"] for locale, words in CORE.items()}
PHONE: Texts = {"ar": "رقم الهاتف", "fr": "Numéro de téléphone"}
EMAIL: Texts = {"ar": "البريد الإلكتروني", "fr": "Adresse électronique"}
TODAY = date.today()


def label(schema: type[Schema], name: str) -> Texts:
    """A field's label as the plugin gives it, in each language."""
    texts: Texts = schema().fields[name].metadata["label"]
    return texts


def title(plugin: type[BodyPlugin], slug: str) -> Texts:
    service = next(service for service in plugin.services if service.slug == slug)
    return {locale: text.title for locale, text in service.texts.items()}


def contact(mistake: Mistake) -> Step:
    """The final step's contact fields, with one of them wrong."""
    return Step((Answer(NAME, "Nadia Ait Ahmed"), Answer(PHONE, "0550 12 34 56")), mistake)


NO_NAME = Mistake(Answer(NAME, ""), {"ar": "الاسم واللقب", "fr": "nom et prénom"}, "applicant_name")


def _representativeness() -> Journey:
    field = lambda name: label(RepresentativenessSchema, name)  # noqa: E731
    organisation = (
        Answer(KINDS["workers_union"], True),
        Answer(field("organisation_name"), "Syndicat national des travailleurs du bâtiment"),
        Answer(field("registration_number"), "REC-2019-117"),
        Answer(SCOPES["national"], True),
        Answer(field("sector"), "building", option=True),
        Answer(field("address"), "12, rue Didouche Mourad, Alger"),
    )
    figures = (
        Answer(field("reference_year"), "2025"),
        Answer(field("members"), "1200"),
        Answer(field("members_paid"), "900"),
        Answer(field("workforce"), "50000"),
        Answer(field("signatory_role"), "Secrétaire général"),
    )
    documents = (
        Answer({"ar": "التصريح بعناصر التمثيلية، ممضى", "fr": "Déclaration des éléments, signée"}, "declaration.pdf"),
        Answer({"ar": "الوثائق الثبوتية لعدد المنخرطين والاشتراكات",
                "fr": "Pièces justifiant les adhérents et les cotisations"}, "adherents.pdf"),
        Answer({"ar": "نسخة من وصل التسجيل", "fr": "Copie du récépissé d'enregistrement"}, "recepisse.pdf"),
    )  # fmt: skip
    return Journey(
        "union-representativeness",
        title(Mtess, "union-representativeness"),
        (
            Step(
                organisation,
                Mistake(
                    Answer(field("organisation_name"), ""),
                    {"ar": "اسم المنظمة النقابية", "fr": "Dénomination de l'organisation"},
                    "organisation_name",
                ),
            ),
            Step(
                figures,
                Mistake(
                    Answer(field("members_paid"), "1500"),
                    {
                        "ar": "لا يمكن أن يتجاوز عدد المسددين لاشتراكاتهم عدد المنخرطين.",
                        "fr": "Les adhérents à jour de cotisation ne peuvent dépasser le nombre d'adhérents.",
                    },
                    "members_paid",
                ),
            ),
            Step(
                (*documents, *contact(NO_NAME).answers),
                Mistake(
                    Answer(documents[0].label, "declaration.txt"), {"ar": "PDF", "fr": "PDF"}, "document-statement"
                ),
            ),
        ),
    )


def _abroad() -> Journey:
    field = lambda name: label(AbroadSchema, name)  # noqa: E731
    birth = field("birth_date")
    applicant = (
        Answer(field("nin"), {"fr": "1098 7123 4567 8901 23", "ar": "١٠٩٨ ٧١٢٣ ٤٥٦٧ ٨٩٠١ ٢٣"}),
        Answer(birth, date(TODAY.year - 38, 4, 12)),
        Answer(field("country"), "France"),
        Answer(field("consular_registration"), "LYON-2019-4411"),
        Answer(field("occupation"), "Infirmier"),
        Answer(field("works_abroad"), True),
    )
    too_old = Ineligible(
        (Answer(birth, date(TODAY.year - 60, 4, 12)),),
        {
            "ar": "الانتساب الإرادي غير متاح ابتداء من سن 55",
            "fr": "L'affiliation volontaire n'est plus ouverte à 55 ans",
        },
        {"ar": "55 سنة", "fr": "55 ans"},
        {"ar": "المرسوم التنفيذي رقم 22-351", "fr": "Décret exécutif n° 22-351 du 18 octobre 2022"},
        {"ar": "تبقى حقوقكم المكتسبة قائمة", "fr": "vos droits acquis demeurent"},
        (applicant[1],),
    )
    contribution = (Answer(field("declared_monthly_base"), "80000"), Answer(field("catch_up_quarters"), "4"))
    documents = (
        Answer({"ar": "نسخة من جواز السفر أو بطاقة التعريف الوطنية",
                "fr": "Copie du passeport ou de la carte d'identité nationale"}, "passeport.pdf"),
        Answer({"ar": "بطاقة التسجيل القنصلي", "fr": "Carte d'immatriculation consulaire"}, "carte.pdf"),
        Answer({"ar": "ما يثبت النشاط المهني في الخارج", "fr": "Justificatif de l'activité à l'étranger"},
               "contrat.pdf"),
    )  # fmt: skip
    return Journey(
        "voluntary-affiliation-abroad",
        title(Cnas, "voluntary-affiliation-abroad"),
        (
            Step(
                applicant, Mistake(Answer(field("nin"), "1098 7123"), {"ar": "18", "fr": "18 chiffres"}, "nin"), too_old
            ),
            Step(
                contribution,
                Mistake(
                    Answer(field("declared_monthly_base"), "50000"),
                    {"ar": "لا يقل الوعاء الشهري عن", "fr": "L'assiette mensuelle est d'au moins"},
                    "declared_monthly_base",
                ),
            ),
            Step((*documents, *contact(NO_NAME).answers), NO_NAME),
        ),
    )


def _maternity() -> Journey:
    field = lambda name: label(MaternitySchema, name)  # noqa: E731
    insured = (
        Answer(field("social_security_number"), {"fr": "1500 1234 5678", "ar": "١٥٠٠-١٢٣٤-٥٦٧٨"}),
        Answer(field("employer_name"), "SARL Atlas Bâtiment"),
    )  # fmt: skip
    leave = (
        Answer(field("first_confirmation_date"), date(2026, 3, 2)),
        Answer(field("presumed_birth_date"), date(2026, 11, 20)),
        Answer(field("leave_start_date"), date(2026, 10, 9)),
    )
    days_3, days_12 = field("days_3_months"), field("days_12_months")
    work = (Answer(days_3, "60"), Answer(days_12, "240"), Answer(field("net_monthly_wage"), "60000"))
    short = Ineligible(
        (Answer(days_3, "14"), Answer(days_12, "59")),
        {"ar": "شروط مدة العمل غير مستوفاة", "fr": "Les conditions de durée de travail ne sont pas remplies"},
        {"ar": "100 ساعة", "fr": "100 heures"},
        {"ar": "القانون رقم 83-11", "fr": "Loi n° 83-11 du 2 juillet 1983"},
        {"ar": "اتصلي بوكالة الصندوق الوطني للتأمينات", "fr": "contactez l'agence CNAS"},
        work[:2],
    )
    certificate = Answer({"ar": "الشهادة الطبية لعطلة الأمومة", "fr": "Certificat médical du congé de maternité"},
                         "certificat.pdf")  # fmt: skip
    return Journey(
        "maternity-allowance-claim",
        title(Cnas, "maternity-allowance-claim"),
        (
            Step(
                insured,
                Mistake(
                    Answer(field("social_security_number"), "1500 1234 567"),
                    {"ar": "12", "fr": "12 chiffres"},
                    "social_security_number",
                ),
            ),
            Step(
                leave,
                Mistake(
                    Answer(field("presumed_birth_date"), ("20", "13", "2026")),
                    {"ar": "بين 1 و12", "fr": "entre 1 et 12"},
                    "presumed_birth_date",
                ),
            ),
            Step(
                work,
                Mistake(Answer(days_3, ""), {"ar": "أحدهما يكفي", "fr": "l'un des deux suffit"}, "days_3_months"),
                short,
            ),
            Step((certificate, *contact(NO_NAME).answers), NO_NAME),
        ),
    )


def _declaration() -> Journey:
    field = lambda name: label(DeclarationSchema, name)  # noqa: E731
    wages = ("Numéro;Nom;Mois;Salaire\n150012345678;Benali Ahmed;12;540000,00\n"
             "150012345679;Saidi Omar;6;300 000\n150012345680;Kaci Ali;3;1000")  # fmt: skip
    listed = (
        Answer(field("employer_number"), "16-0042-77"),
        Answer(field("year"), "2026"),
        Answer(field("wages"), wages),
    )
    return Journey(
        "annual-declaration-simulation",
        title(Cacobatph, "annual-declaration-simulation"),
        (
            Step(listed, Mistake(Answer(field("year"), "1990"), {"ar": "سنة التصريح", "fr": "Année déclarée"}, "year")),
            contact(Mistake(Answer(PHONE, "05"), {"ar": "0550 12 34 56", "fr": "0550 12 34 56"}, "applicant_phone")),
        ),
        submit={"ar": "إرسال التصريح النهائي إلى الصندوق", "fr": "Envoyer la déclaration définitive à la Caisse"},
    )


def _complaints() -> Journey:
    field = lambda name: label(ComplaintSchema, name)  # noqa: E731
    anonymous = field("anonymous")
    message = (
        Answer(CATEGORIES["complaint"], True),
        Answer(APPLICANTS["worker"], True),
        Answer(field("subject"), "paid_leave", option=True),
        Answer(field("message"), "Indemnité de congés payés 2025 non reçue. لم أتلق تعويض العطلة."),
        Answer(anonymous, False),
    )
    supporting = Answer({"ar": "وثائق داعمة", "fr": "Pièces à l'appui"}, "bulletin.pdf")
    return Journey(
        "complaints-and-suggestions",
        title(Cacobatph, "complaints-and-suggestions"),
        (
            Step(
                message,
                Mistake(
                    Answer(anonymous, True),
                    {"ar": "لا يمكن أن تكون الشكوى مجهولة الهوية", "fr": "Une réclamation ne peut pas être anonyme"},
                    "anonymous",
                ),
            ),
            Step(
                (supporting, Answer(NAME, "Salima Benali"), Answer(EMAIL, "salima@example.dz")),
                Mistake(
                    Answer(EMAIL, "salima@"),
                    {"ar": "البريد الإلكتروني", "fr": "adresse électronique"},
                    "applicant_email",
                ),
            ),
        ),
    )


JOURNEYS: Mapping[str, Journey] = {
    journey.slug: journey for journey in (_representativeness(), _abroad(), _maternity(), _declaration(), _complaints())
}


@pytest.mark.parametrize("locale", ["ar", "fr"])
@pytest.mark.parametrize("slug", list(JOURNEYS))
def test_a_hosted_service_walked_on_a_phone(
    phone: Page, hosted_server: str, tmp_path: Path, slug: str, locale: str
) -> None:
    phone.set_default_timeout(10_000)
    shots = Path(SHOTS) / f"{slug}-{locale}" if SHOTS else None
    walk = Walk(phone, hosted_server, locale, tmp_path, shots)
    try:
        reference = walk.go(JOURNEYS[slug])
    except Exception:
        walk.shot("failed")  # where the walk stopped, for a person to look at
        raise
    assert reference.split("-")[0] in {"MTESS", "CNAS", "CACOBATPH"}
