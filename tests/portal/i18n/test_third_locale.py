"""A third locale is added with a message catalogue and content alone: no change to the code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from portal import PROJECT_ROOT
from tests.conftest import AppFactory

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
    extra = write_catalogue(tmp_path / "extra-translations", "kab", {"Bodies of the sector": "[kab] Organismes"})
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
