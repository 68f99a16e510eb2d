"""CNR: the national retirement fund."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from services.cnr import missing_period, retirement
from services.cnr.connector import CnrConnector


class Cnr(BodyPlugin):
    code = "cnr"
    kind = "fund"
    acronym = "CNR"
    position = 30
    synonyms = (("cnr", "سي إن آر"),)  # what people type for it in search
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
        Service(
            slug=missing_period.SLUG,
            domain="social_security",
            audiences=("salaried",),
            life_events=("retiring",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="live",
            form=missing_period.MISSING_PERIOD_FORM,
            texts={
                "ar": ServiceText(
                    title="التبليغ عن فترة عمل ناقصة في المسار المهني",
                    summary="يبلّغ العامل الصندوق عن فترة عمل لا يظهر فيها أي اشتراك في حسابه الفردي، مع ذكر "
                    "المستخدم وإرفاق كشوف الرواتب أو شهادة العمل إن وجدت، ليُضيفها الصندوق بعد التحقق.",
                    audience="العمال الأجراء الذين يظهر في مسارهم المهني انقطاع عملوا خلاله.",
                    steps=(
                        "فتح «مساري المهني واشتراكاتي» في فضائي واختيار الفترة الناقصة.",
                        "ذكر المستخدم وإرفاق ما يثبت العمل، ثم إرسال الطلب.",
                    ),
                ),
                "fr": ServiceText(
                    title="Signaler une période manquante dans sa carrière",
                    summary="Le travailleur signale à la Caisse une période travaillée pour laquelle son compte "
                    "individuel ne montre aucune cotisation, avec l'employeur et, s'il les a, ses bulletins de "
                    "paie ou son certificat de travail, pour que la Caisse l'ajoute après vérification.",
                    audience="Les salariés dont la carrière montre une interruption pendant laquelle ils ont "
                    "travaillé.",
                    steps=(
                        "Ouvrir « Ma carrière et mes cotisations » dans Mon espace et choisir la période manquante.",
                        "Indiquer l'employeur, joindre les justificatifs, puis envoyer la demande.",
                    ),
                ),
            },
        ),
    )
