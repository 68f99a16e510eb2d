"""CACOBATPH: paid leave and bad-weather unemployment in building, public works and hydraulics."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from services.cacobatph import declaration
from services.cacobatph.complaints import COMPLAINTS_FORM
from services.cacobatph.connector import CacobatphConnector
from services.cacobatph.declaration import DECLARATION_FORM

SECTORS_AR = "قطاعات البناء والأشغال العمومية والري"
SECTORS_FR = "du bâtiment, des travaux publics et de l'hydraulique"


class Cacobatph(BodyPlugin):
    code = "cacobatph"
    kind = "fund"
    acronym = "CACOBATPH"
    position = 60
    synonyms = (("cacobatph", "كاكوباتف", "كاكوبات"), ("tasrihatcom", "تصريحاتكم"))  # what people type for it in search
    connector = CacobatphConnector
    rules = declaration.RULES
    names = {
        "ar": f"الصندوق الوطني للعطل المدفوعة الأجر والبطالة الناجمة عن سوء الأحوال الجوية ل{SECTORS_AR}",
        "fr": "Caisse nationale des congés payés et du chômage-intempéries des secteurs du bâtiment, "
        "des travaux publics et de l'hydraulique",
    }
    website = "https://cacobatph.dz"
    contact = Contact(url="https://cacobatph.dz")
    channels = (
        Channel(
            "website",
            "web",
            {"ar": "الموقع الإلكتروني للصندوق", "fr": "Site web de la Caisse"},
            "https://cacobatph.dz",
        ),
        Channel("tasrihatcom", "web", {"ar": "منصة «تصريحاتكم»", "fr": "Plateforme Tasrihatcom"}),
    )
    services = (
        Service(
            slug="employer-individual-account",
            domain="social_security",
            audiences=("employer",),
            channels=("tasrihatcom", "website"),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="الحساب الفردي للمستخدم على منصة «تصريحاتكم»",
                    summary="يطلع المستخدم على الأجور التي صرح بها والاشتراكات التي دفعها للصندوق، في حسابه "
                    "الفردي على منصة «تصريحاتكم».",
                    audience=f"المستخدمون في {SECTORS_AR}.",
                ),
                "fr": ServiceText(
                    title="Compte individuel de l'employeur sur Tasrihatcom",
                    summary="L'employeur consulte les salaires qu'il a déclarés et les cotisations qu'il a "
                    "versées à la Caisse, dans son compte individuel sur la plateforme Tasrihatcom.",
                    audience=f"Les employeurs {SECTORS_FR}.",
                ),
            },
        ),
        Service(
            slug="remote-employer-affiliation",
            domain="social_security",
            audiences=("employer",),
            life_events=("starting_a_business", "hiring"),
            channels=("website",),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="انتساب المستخدمين الجدد عن بعد",
                    summary="ينتسب المستخدم الجديد إلى الصندوق عن بعد، دون التنقل إلى الوكالة.",
                    audience=f"المستخدمون الجدد في {SECTORS_AR}.",
                ),
                "fr": ServiceText(
                    title="Affiliation à distance des nouveaux employeurs",
                    summary="Le nouvel employeur s'affilie à la Caisse à distance, sans se déplacer à l'agence.",
                    audience=f"Les nouveaux employeurs {SECTORS_FR}.",
                ),
            },
        ),
        Service(
            slug="annual-declaration-simulation",
            domain="social_security",
            audiences=("employer",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="live",
            form=DECLARATION_FORM,
            texts={
                "ar": ServiceText(
                    title="محاكاة التصريح السنوي قبل التصريح النهائي بالأجور",
                    summary="يحاكي المستخدم تصريحه السنوي ويتحقق من الاشتراكات المستحقة قبل التصريح النهائي بالأجور.",
                    audience=f"المستخدمون في {SECTORS_AR}.",
                    steps=(
                        "إدخال قائمة الأجور أو تحميلها.",
                        "مراجعة الأخطاء والاشتراكات المحسوبة.",
                        "تحويل المحاكاة إلى تصريح نهائي.",
                    ),
                ),
                "fr": ServiceText(
                    title="Simulation de la déclaration annuelle avant la déclaration définitive des salaires",
                    summary="L'employeur simule sa déclaration annuelle et vérifie les cotisations dues avant la "
                    "déclaration définitive des salaires.",
                    audience=f"Les employeurs {SECTORS_FR}.",
                    steps=(
                        "Saisir ou charger la liste des salaires.",
                        "Vérifier les erreurs et les cotisations calculées.",
                        "Transformer la simulation en déclaration définitive.",
                    ),
                ),
            },
        ),
        Service(
            slug="complaints-and-suggestions",
            domain="social_security",
            audiences=("employer", "salaried"),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="live",
            form=COMPLAINTS_FORM,
            texts={
                "ar": ServiceText(
                    title="السجل الإلكتروني للشكاوى والاقتراحات",
                    summary="يودع المستخدمون والعمال شكاواهم واقتراحاتهم لدى الصندوق عن بعد، ويتابعون ردّه عليها.",
                    audience=f"المستخدمون والعمال في {SECTORS_AR}.",
                    cost="مجانية.",
                ),
                "fr": ServiceText(
                    title="Registre électronique des réclamations et suggestions",
                    summary="Employeurs et travailleurs adressent à distance leurs réclamations et suggestions "
                    "à la Caisse et suivent sa réponse.",
                    audience=f"Les employeurs et travailleurs {SECTORS_FR}.",
                    cost="Gratuit.",
                ),
            },
        ),
    )
