"""CNR: the national retirement fund."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText
from services.cnr import retirement
from services.cnr.connector import CnrConnector


class Cnr(BodyPlugin):
    code = "cnr"
    kind = "fund"
    acronym = "CNR"
    position = 30
    connector = CnrConnector
    rules = retirement.RULES
    names = {
        "ar": "الصندوق الوطني للتقاعد",
        "fr": "Caisse nationale des retraites",
    }
    website = "https://cnr.dz"
    contact = Contact(url="https://cnr.dz")
    channels = (
        Channel(
            "website",
            "web",
            {"ar": "الموقع الإلكتروني للصندوق", "fr": "Site web de la Caisse"},
            "https://cnr.dz",
        ),
        Channel("taqaoudi", "mobile", {"ar": "تطبيق «تقاعدي»", "fr": "Application Taqa'oudi (RetraiteDz)"}),
    )
    services = (
        Service(
            slug="life-certificate-face-recognition",
            domain="social_security",
            audiences=("retiree",),
            life_events=("retiring",),
            channels=("taqaoudi", "website"),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="شهادة الحياة عن طريق التعرف على الوجه",
                    summary="يثبت المتقاعد أنه على قيد الحياة من هاتفه عبر تطبيق «تقاعدي»، بالتعرف على "
                    "الوجه، دون التنقل إلى البلدية، وهو ما يفيد المسنين وطريحي الفراش خاصة.",
                    audience="المتقاعدون وذوو الحقوق المستفيدون من معاش لدى الصندوق.",
                    steps=(
                        "تثبيت تطبيق «تقاعدي» على الهاتف.",
                        "اختيار خدمة شهادة الحياة واتباع تعليمات التعرف على الوجه.",
                    ),
                ),
                "fr": ServiceText(
                    title="Certificat de vie par reconnaissance faciale",
                    summary="Le retraité atteste qu'il est en vie depuis son téléphone, dans l'application "
                    "Taqa'oudi, par reconnaissance faciale, sans se rendre à la mairie : une aide précieuse "
                    "pour les personnes âgées ou alitées.",
                    audience="Les retraités et ayants droit percevant une pension de la Caisse.",
                    steps=(
                        "Installer l'application Taqa'oudi sur le téléphone.",
                        "Choisir le service du certificat de vie et suivre les consignes de reconnaissance faciale.",
                    ),
                ),
            },
        ),
        Service(
            slug="active-worker-individual-account",
            domain="social_security",
            audiences=("salaried",),
            life_events=("retiring",),
            channels=("website",),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="الحساب الفردي للناشط الأجير",
                    summary="يطلع العامل الأجير على مساره المهني: فترات الاشتراك ومبالغه والمستخدمين الذين عمل "
                    "لديهم، ليحضّر لتقاعده في الوقت المناسب.",
                    audience="العمال الأجراء الناشطون.",
                ),
                "fr": ServiceText(
                    title="Compte individuel de l'assuré salarié actif",
                    summary="Le salarié consulte sa carrière : périodes et montants de cotisation, employeurs "
                    "successifs, pour préparer sa retraite à temps.",
                    audience="Les travailleurs salariés en activité.",
                ),
            },
        ),
    )
