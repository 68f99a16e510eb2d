"""A third locale is added with a message catalogue and content alone: no change to the code."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from portal import PROJECT_ROOT
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in

# A body whose content is written in the three locales; the dummy texts are marked as such.
KABYLE_PLUGIN = """
from tests.plugins import Demo, service
from portal.registry.toolkit import Channel, ServiceText

TEXTS = {
    "ar": ServiceText(title="خدمة تجريبية", summary="ملخص."),
    "fr": ServiceText(title="Service d'essai", summary="Résumé."),
    "kab": ServiceText(title="[kab] Service d'essai", summary="[kab] Résumé."),
}

class Plugin(Demo):
    code = "trilingual"
    names = {"ar": "صندوق تجريبي", "fr": "Caisse d'essai", "kab": "[kab] Caisse d'essai"}
    channels = (Channel("demo-web", "web", {"ar": "منصة", "fr": "Plateforme", "kab": "[kab] Plateforme"},
                        "https://e.demo.example.dz"),)
    services = (service("trilingual-service", texts=TEXTS),)
"""


# One dummy catalogue for every test here: Flask-Babel keeps a locale's translations once loaded in the process.
KAB_MESSAGES = {"Bodies of the sector": "[kab] Organismes", "Received": "[kab] Yettwaṭṭef"}


def write_catalogue(root: Path, locale: str, messages: dict[str, str]) -> Path:
    catalogue = Catalog(locale=locale)
    for message_id, text in messages.items():
        catalogue.add(message_id, text)
    folder = root / locale / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    return root


def test_a_dummy_third_locale_needs_only_a_catalogue_and_content(
    make_app: AppFactory, install_plugin: Callable[..., None], tmp_path: Path
) -> None:
    install_plugin("trilingual", KABYLE_PLUGIN)
    extra = write_catalogue(tmp_path / "extra-translations", "kab", KAB_MESSAGES)
    app = make_app(
        LOCALES=["ar", "fr", "kab"],
        ENABLED_BODIES=["trilingual"],
        BABEL_TRANSLATION_DIRECTORIES=f"{PROJECT_ROOT / 'translations'};{extra}",
    )
    client = app.test_client()

    page = client.get("/kab/").get_data(as_text=True)
    assert '<html lang="kab" dir="ltr">' in page
    assert "[kab] Organismes" in page
    assert "[kab] Caisse d&#39;essai" in page
    assert '<a href="/ar/" lang="ar" hreflang="ar">العربية</a>' in page
    assert "Taqbaylit" in page  # the language switch names it in its own language
    assert client.get("/", headers={"Accept-Language": "kab"}).headers["Location"] == "/kab/"
    assert 'lang="kab" hreflang="kab">Taqbaylit</a>' in client.get("/fr/").get_data(as_text=True)


# The same body with a hosted form whose every text is given in the three locales; the core's own texts (steps,
# statuses, contact fields) come from the catalogues, with the English text where the dummy catalogue has none.
HOSTED_PLUGIN = KABYLE_PLUGIN.replace(
    "class Plugin(Demo):",
    """
from marshmallow import Schema
from portal.registry.toolkit import Document, HostedForm, PORTAL_CHANNEL, Step, fields

def texts(ar, fr):
    return {"ar": ar, "fr": fr, "kab": f"[kab] {fr}"}

class Question(Schema):
    topic = fields.text(texts("الموضوع", "Objet"), max_length=100)

FORM = HostedForm(schema=Question, steps=(Step("question", texts("السؤال", "La question"), ("topic",)),),
                  documents=(Document("letter", texts("الرسالة", "La lettre"), required=False),))

class Plugin(Demo):""",
).replace(
    'services = (service("trilingual-service", texts=TEXTS),)',
    'services = (service("trilingual-service", texts=TEXTS, channels=(PORTAL_CHANNEL,), hosted=True, status="live",'
    " maturity=3, form=FORM),)",
)


def test_a_third_locale_serves_every_kind_of_page_with_no_change_to_the_code(
    make_app: AppFactory, install_plugin: Callable[..., None], tmp_path: Path
) -> None:
    install_plugin("trilingual", HOSTED_PLUGIN)
    extra = write_catalogue(tmp_path / "extra-translations", "kab", KAB_MESSAGES)
    app = make_app(LOCALES=["ar", "fr", "kab"], ENABLED_BODIES=["trilingual"], WTF_CSRF_ENABLED=False,
                   BABEL_TRANSLATION_DIRECTORIES=f"{PROJECT_ROOT / 'translations'};{extra}",
                   UPLOAD_FOLDER=str(tmp_path / "uploads"))  # fmt: skip
    client = app.test_client()
    assert "[kab] Service d&#39;essai" in client.get("/kab/services/trilingual-service").get_data(as_text=True)
    form = client.get("/kab/services/trilingual-service/apply").get_data(as_text=True)
    assert "[kab] Objet" in form and '<html lang="kab" dir="ltr">' in form
    key_match = re.search(r'name="key" value="([0-9a-f]{32})"', form)
    assert key_match is not None
    key = key_match.group(1)
    sent = client.post("/kab/services/trilingual-service/apply", data={
        "key": key, "step": "1", "action": "submit", "topic": "Asteqsi", "applicant_name": "Idir Ait",
        "applicant_email": "idir@example.dz"})  # fmt: skip
    assert sent.status_code == 302, sent.get_data(as_text=True)[-2000:]
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    reference = sent.headers["Location"].split("/")[3]
    assert '<html lang="kab"' in receipt and reference in receipt
    tracking = client.get(f"/kab/track/{reference}").get_data(as_text=True)
    assert "[kab] Yettwaṭṭef" in tracking and "Asteqsi" in tracking  # the core's status, from the catalogue
    staff = app.test_client()
    sign_in(staff, create_user(app, "ministry_admin", "trilingual"))
    assert '<html lang="kab"' in staff.get("/kab/backoffice/").get_data(as_text=True)
    app.test_cli_runner().invoke(args=["programmes", "demo"])
    dashboard = staff.get("/kab/backoffice/dashboard")
    assert dashboard.status_code == 200 and '<html lang="kab"' in dashboard.get_data(as_text=True)
