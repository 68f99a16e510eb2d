"""CNAS: the national social-insurance fund of salaried workers."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from services.cnas import abroad, maternity
from services.cnas.abroad import ABROAD_FORM
from services.cnas.connector import CnasConnector
from services.cnas.maternity import MATERNITY_FORM

LAW_83_11_AR = "القانون رقم 83-11 المؤرخ في 2 جويلية 1983 المتعلق بالتأمينات الاجتماعية، المعدل والمتمم."
LAW_83_11_FR = "Loi n° 83-11 du 2 juillet 1983 relative aux assurances sociales, modifiée et complétée."
DECREE_22_351_AR = (
    "المرسوم التنفيذي رقم 22-351 المؤرخ في 18 أكتوبر 2022، والقرار الوزاري المشترك المؤرخ في 5 جانفي 2023."
)
DECREE_22_351_FR = "Décret exécutif n° 22-351 du 18 octobre 2022 et arrêté interministériel du 5 janvier 2023."


class Cnas(BodyPlugin):
    code = "cnas"
    kind = "fund"
    acronym = "CNAS"
    position = 20
    synonyms = (("cnas", "كناس", "الكناص", "كناص"),)  # what people type for it in search
    connector = CnasConnector
    rules = maternity.RULES + abroad.RULES
    names = {
        "ar": "الصندوق الوطني للتأمينات الاجتماعية للعمال الأجراء",
        "fr": "Caisse nationale des assurances sociales des travailleurs salariés",
    }
    website = "https://cnas.dz"
    contact = Contact(url="https://cnas.dz")
    channels = (
        Channel(
            "website", "web", {"ar": "الموقع الإلكتروني للصندوق", "fr": "Site web de la Caisse"}, "https://cnas.dz"
        ),
        Channel(
            "teledeclaration",
            "web",
            {"ar": "بوابة التصريح عن بعد", "fr": "Portail de télédéclaration"},
            "https://teledeclaration.cnas.dz",
        ),
        Channel(
            "el-hanaa",
            "mobile",
            {"ar": "فضاء المؤمَّن له وتطبيق «الهناء»", "fr": "Espace assuré et application El Hanaa"},
        ),
    )
    services = (
        Service(
            slug="voluntary-affiliation-abroad",
            domain="social_security",
            audiences=("abroad",),
            life_events=("living_abroad", "retiring"),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            # Sent online, but paid elsewhere (abroad.PAYMENT): an online submission, level 3, not level 4.
            maturity=3,
            payment="elsewhere",
            status="live",
            form=ABROAD_FORM,
            texts={
                "ar": ServiceText(
                    title="الانتساب الإرادي للجزائريين المقيمين بالخارج",
                    summary="يطلب الجزائريون المقيمون بالخارج الانتساب الإرادي إلى الضمان الاجتماعي ويرسلون "
                    "ملفهم عن بعد، للاستفادة في الجزائر من الأداءات العينية للتأمين على المرض والأمومة ومن التقاعد.",
                    audience="الجزائريون المقيمون بالخارج الراغبون في الاستفادة من الضمان الاجتماعي في الجزائر.",
                    eligibility="أن يكون طالب الانتساب جزائري الجنسية ومقيمًا بالخارج. تحدد النصوص المذكورة أدناه "
                    "الشروط الأخرى للانتساب.",
                    steps=(
                        "إيداع طلب الانتساب عن بعد.",
                        "إرسال الوثائق الثبوتية عن بعد.",
                        "دفع الاشتراكات، ويمكن عند الاقتضاء دفع اشتراكات تعويضية عن سنوات ناقصة في حدود خمس سنوات.",
                    ),
                    cost="الاشتراكات على عاتق المنتسب.",
                    legal_basis=DECREE_22_351_AR,
                ),
                "fr": ServiceText(
                    title="Affiliation volontaire des Algériens résidant à l'étranger",
                    summary="Les Algériens résidant à l'étranger demandent leur affiliation volontaire à la sécurité "
                    "sociale et envoient leur dossier à distance, pour bénéficier en Algérie des prestations en "
                    "nature de l'assurance maladie et maternité et de la retraite.",
                    audience="Les Algériens résidant à l'étranger qui souhaitent être couverts par la sécurité "
                    "sociale en Algérie.",
                    eligibility="Être de nationalité algérienne et résider à l'étranger. Les autres conditions "
                    "d'affiliation sont fixées par les textes cités ci-dessous.",
                    steps=(
                        "Déposer la demande d'affiliation en ligne.",
                        "Transmettre les pièces justificatives en ligne.",
                        "Payer les cotisations et, si besoin, des cotisations compensatoires pour les années "
                        "manquantes, dans la limite de cinq ans.",
                    ),
                    cost="Les cotisations sont à la charge de l'affilié.",
                    legal_basis=DECREE_22_351_FR,
                ),
            },
        ),
        Service(
            slug="contribution-payment-by-card-abroad",
            domain="social_security",
            audiences=("abroad",),
            life_events=("living_abroad",),
            channels=("website",),
            maturity=4,
            payment="online",
            status="live",
            texts={
                "ar": ServiceText(
                    title="دفع اشتراكات الانتساب الإرادي عن بعد بالبطاقة الدولية «فيزا»",
                    summary="يدفع الجزائريون المقيمون بالخارج المنتسبون إراديًا اشتراكاتهم عن بعد ببطاقة «فيزا» "
                    "الدولية، بالشراكة مع بنك التنمية المحلية، على مدار الساعة ومن أي مكان.",
                    audience="الجزائريون المقيمون بالخارج المنتسبون إراديًا إلى الصندوق.",
                    eligibility="أن يكون المعني منتسبًا إراديًا إلى الصندوق وحائزًا على بطاقة دفع دولية «فيزا».",
                    legal_basis=DECREE_22_351_AR,
                ),
                "fr": ServiceText(
                    title="Paiement en ligne des cotisations d'affiliation volontaire par carte Visa",
                    summary="Les Algériens résidant à l'étranger affiliés volontairement paient leurs cotisations "
                    "en ligne par carte Visa internationale, en partenariat avec la Banque de développement local "
                    "(BDL), 24 heures sur 24, où qu'ils soient.",
                    audience="Les Algériens résidant à l'étranger affiliés volontairement à la Caisse.",
                    eligibility="Être affilié volontaire de la Caisse et disposer d'une carte de paiement "
                    "internationale Visa.",
                    legal_basis=DECREE_22_351_FR,
                ),
            },
        ),
        Service(
            slug="maternity-allowance-claim",
            domain="social_security",
            audiences=("salaried",),
            life_events=("having_a_child",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="live",
            form=MATERNITY_FORM,
            texts={
                "ar": ServiceText(
                    title="طلب التعويض عن الأمومة عن بعد",
                    summary="تطلب العاملة المؤمَّن لها اجتماعيًا التعويضات اليومية لعطلة الأمومة عن بعد، دون "
                    "التنقل إلى مركز الدفع.",
                    audience="العاملات الأجيرات المؤمَّن لهن اجتماعيًا لدى الصندوق.",
                    eligibility="أن تكون المعنية مؤمَّنًا لها اجتماعيًا وأن تستوفي شرط مدة العمل المحددة في "
                    "التنظيم، ويتم التحقق منه عند دراسة الطلب.",
                    documents=("الشهادة الطبية المتعلقة بعطلة الأمومة.",),
                    steps=(
                        "ملء الطلب عن بعد وإرفاق الشهادة الطبية.",
                        "الاطلاع على تقدير التعويض قبل الإرسال.",
                        "متابعة معالجة الملف من طرف مصالح الصندوق.",
                    ),
                    legal_basis=LAW_83_11_AR,
                ),
                "fr": ServiceText(
                    title="Demande d'indemnité de maternité à distance",
                    summary="L'assurée sociale salariée demande à distance les indemnités journalières de son "
                    "congé de maternité, sans se rendre au centre de paiement.",
                    audience="Les travailleuses salariées assurées sociales de la Caisse.",
                    eligibility="Être assurée sociale et remplir la condition de durée de travail fixée par la "
                    "réglementation, vérifiée lors de l'étude de la demande.",
                    documents=("Le certificat médical relatif au congé de maternité.",),
                    steps=(
                        "Remplir la demande en ligne et joindre le certificat médical.",
                        "Consulter l'estimation de l'indemnité avant l'envoi.",
                        "Suivre le traitement du dossier par les services de la Caisse.",
                    ),
                    legal_basis=LAW_83_11_FR,
                ),
            },
        ),
        Service(
            slug="annual-wage-declaration",
            domain="social_security",
            audiences=("employer",),
            life_events=("hiring",),
            channels=("teledeclaration",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="التصريح السنوي بالأجور والأجراء",
                    summary="يصرح المستخدم عن بعد بالأجور المدفوعة والعمال الأجراء خلال السنة، عبر بوابة "
                    "التصريح عن بعد للصندوق.",
                    audience="المستخدمون المنتسبون إلى الصندوق.",
                    eligibility="التصريح واجب على كل مستخدم في الآجال التي يحددها التنظيم.",
                ),
                "fr": ServiceText(
                    title="Déclaration annuelle des salaires et des salariés",
                    summary="L'employeur déclare en ligne les salaires versés et les salariés employés durant "
                    "l'année, sur le portail de télédéclaration de la Caisse.",
                    audience="Les employeurs affiliés à la Caisse.",
                    eligibility="La déclaration est une obligation de tout employeur, dans les délais fixés par "
                    "la réglementation.",
                ),
            },
        ),
        Service(
            slug="employee-affiliation",
            domain="social_security",
            audiences=("employer",),
            life_events=("hiring",),
            channels=("teledeclaration",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="انتساب العمال الأجراء عن بعد",
                    summary="يصرح المستخدم بانتساب العمال الذين يوظفهم إلى الضمان الاجتماعي عن بعد، عبر بوابة "
                    "التصريح عن بعد.",
                    audience="المستخدمون عند توظيف عامل أجير.",
                ),
                "fr": ServiceText(
                    title="Affiliation des salariés en ligne",
                    summary="L'employeur déclare en ligne l'affiliation à la sécurité sociale des salariés qu'il "
                    "recrute, sur le portail de télédéclaration.",
                    audience="Les employeurs qui recrutent un salarié.",
                ),
            },
        ),
        Service(
            slug="employer-contribution-payment",
            domain="social_security",
            audiences=("employer",),
            channels=("teledeclaration",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="دفع اشتراكات الضمان الاجتماعي عن بعد للمستخدمين",
                    summary="يدفع المستخدم اشتراكات الضمان الاجتماعي المستحقة عن عماله عن بعد، عبر بوابة "
                    "التصريح عن بعد.",
                    audience="المستخدمون المنتسبون إلى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Paiement en ligne des cotisations de sécurité sociale par l'employeur",
                    summary="L'employeur paie en ligne les cotisations de sécurité sociale dues pour ses "
                    "salariés, sur le portail de télédéclaration.",
                    audience="Les employeurs affiliés à la Caisse.",
                ),
            },
        ),
        Service(
            slug="el-hanaa-insured-space",
            domain="social_security",
            audiences=("salaried", "retiree"),
            life_events=("falling_ill",),
            channels=("el-hanaa", "website"),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="فضاء المؤمَّن له «الهناء»: شهادة الانتساب ومتابعة التعويضات",
                    summary="يستخرج المؤمَّن له اجتماعيًا شهادة الانتساب، ويتابع تعويض مصاريفه العلاجية، "
                    "ويطلع على كشف تعويضاته اليومية، عبر فضاء «الهناء» وتطبيقه.",
                    audience="المؤمَّن لهم اجتماعيًا لدى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Espace assuré El Hanaa : attestation d'affiliation et suivi des remboursements",
                    summary="L'assuré social obtient son attestation d'affiliation, suit le remboursement de ses "
                    "frais de soins et consulte le relevé de ses indemnités journalières, dans l'espace El Hanaa "
                    "et son application.",
                    audience="Les assurés sociaux de la Caisse.",
                ),
            },
        ),
    )
