"""Each rule of plugin validation, with the message a developer reads at start-up."""

from __future__ import annotations

from typing import Any

import pytest

from portal.registry import RegistryError, build_registry
from portal.registry.toolkit import (
    PORTAL_CHANNEL,
    BodyPlugin,
    Channel,
    Contact,
    HostedForm,
    RuleDefinition,
    Schema,
    ServiceText,
    fields,
)
from tests.plugins import TEXTS, Demo, service

LOCALES = ["ar", "fr"]


def problems_of(plugin: type, name: str = "demo", locales: list[str] = LOCALES) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        build_registry({name: plugin}, locales)
    assert "the body plugins cannot be loaded" in str(caught.value)
    return caught.value.problems


def test_a_valid_plugin_loads_frozen() -> None:
    registry = build_registry({"demo": Demo}, LOCALES)
    body = registry.bodies["demo"]
    assert [service.slug for service in body.services] == ["demo-service", "demo-hosted"]
    assert body.name("fr") == "Caisse d'essai"
    with pytest.raises(TypeError):
        registry.bodies["other"] = body  # type: ignore[index]
    with pytest.raises(TypeError):
        body.names["fr"] = "changed"  # type: ignore[index]


def test_missing_required_field_is_named() -> None:
    class NoWebsite(BodyPlugin):
        code = "demo"
        kind = "fund"
        acronym = "DEMO"
        names = Demo.names
        contact = Contact()

    assert problems_of(NoWebsite) == ["plugin 'demo', field 'website': is missing"]


def test_code_must_match_entry_point_name() -> None:
    assert problems_of(Demo, name="other") == [
        "plugin 'other', field 'code': is 'demo' but the entry point is named 'other'"
    ]


def test_code_format() -> None:
    class Bad(Demo):
        code = "Bad-Code"

    assert "plugin 'Bad-Code', field 'code': must be 2-32 lowercase letters, digits or underscores" in problems_of(
        Bad, name="Bad-Code"
    )


def test_unknown_kind() -> None:
    class Bad(Demo):
        kind = "bank"

    [message] = problems_of(Bad)
    assert message.startswith("plugin 'demo', field 'kind': unknown body_kind 'bank' (known: ministry, fund")


def test_missing_translation_of_names() -> None:
    class Bad(Demo):
        names = {"ar": "صندوق تجريبي"}

    assert problems_of(Bad) == ["plugin 'demo', field 'names': missing 'fr' translation"]


def test_missing_translation_of_a_service_text() -> None:
    class Bad(Demo):
        services = (service(texts={"fr": TEXTS["fr"], "ar": ServiceText(title=" ", summary="ملخص")}),)

    assert problems_of(Bad) == ["plugin 'demo', field 'services[demo-service].texts': missing 'ar' translation"]


def test_missing_translation_of_a_channel_name() -> None:
    class Bad(Demo):
        channels = (Channel("demo-web", "web", {"fr": "Plateforme"}, "https://e.demo.example.dz"),)

    assert problems_of(Bad) == ["plugin 'demo', field 'channels[0].names': missing 'ar' translation"]


def test_bad_website_url() -> None:
    class Bad(Demo):
        website = "demo.example.dz"

    assert problems_of(Bad) == ["plugin 'demo', field 'website': 'demo.example.dz' is not an absolute http(s) URL"]


def test_bad_channel_url() -> None:
    class Bad(Demo):
        channels = (
            Channel("demo-web", "web", {"ar": "منصة", "fr": "Plateforme"}, "ftp://e.demo.example.dz"),
            Channel("other", "web", {"ar": "منصة", "fr": "Plateforme"}),  # a platform whose address is unknown
        )

    assert problems_of(Bad) == [
        "plugin 'demo', field 'channels[0].url': 'ftp://e.demo.example.dz' is not an absolute http(s) URL"
    ]


def test_search_synonyms_are_groups_of_readable_words() -> None:
    class Good(Demo):
        synonyms = (("demo", "ديمو"), ("essai", "تجربة", "tajriba"))

    assert build_registry({"demo": Good}, LOCALES).bodies["demo"].synonyms == (
        ("demo", "ديمو"), ("essai", "تجربة", "tajriba"))  # fmt: skip

    class Bad(Demo):
        synonyms = (("demo",), ("demo", ""), ("demo", "x\u0000"), ("demo", "a" * 61), "demo", ("demo", "!!"),
                    ("demo", "\u0640\u064b"), ("demo",) * 13)  # type: ignore[assignment]  # fmt: skip

    assert problems_of(Bad) == [
        f"plugin 'demo', field 'synonyms[{index}]': must hold 2 to 12 words, each 1-60 printable characters with a "
        "letter or a digit"
        for index in range(8)
    ]

    class Thesaurus(Demo):
        synonyms = (("demo", "ديمو"),) * 21

    assert problems_of(Thesaurus) == ["plugin 'demo', field 'synonyms': must be a tuple of at most 20 groups of words"]


def test_bad_contact() -> None:
    class Bad(Demo):
        contact = Contact(email="not-an-address", url="javascript:alert(1)")

    assert problems_of(Bad) == [
        "plugin 'demo', field 'contact.url': 'javascript:alert(1)' is not an absolute http(s) URL",
        "plugin 'demo', field 'contact.email': 'not-an-address' is not an email address",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"domain": "health"}, "field 'services[demo-service].domain': unknown domain 'health'"),
        ({"audiences": ("tourists",)}, "field 'services[demo-service].audiences': unknown audience 'tourists'"),
        ({"audiences": ()}, "field 'services[demo-service].audiences': names no audience"),
        ({"life_events": ("wedding",)}, "field 'services[demo-service].life_events': unknown life_event 'wedding'"),
        ({"maturity": 7}, "field 'services[demo-service].maturity': unknown maturity 7"),
        ({"status": "beta"}, "field 'services[demo-service].status': unknown status 'beta'"),
        ({"channels": ("app",)}, "field 'services[demo-service].channels': unknown channel 'app' of this body"),
        ({"hosted": True}, "field 'services[demo-service].channels': a hosted service lists the 'portal' channel"),
        (
            {"slug": "Demo Service"},
            "field 'services[Demo Service].slug': 'Demo Service' must be lowercase words joined by '-'",
        ),
    ],
)
def test_unknown_codes_in_a_service(change: dict[str, Any], expected: str) -> None:
    class Bad(Demo):
        services = (service(**change),)

    [message] = problems_of(Bad)
    assert message.startswith(f"plugin 'demo', {expected}")


def test_duplicate_channel_code() -> None:
    web = Channel("demo-web", "web", {"ar": "منصة", "fr": "Plateforme"}, "https://e.demo.example.dz")

    class Bad(Demo):
        channels = (web, web)

    assert problems_of(Bad) == ["plugin 'demo', field 'channels[1].code': duplicate or reserved code 'demo-web'"]


def test_duplicate_slug_across_plugins() -> None:
    class Other(Demo):
        code = "other"
        services = (service("demo-service"),)

    with pytest.raises(RegistryError) as caught:
        build_registry({"demo": Demo, "other": Other}, LOCALES)
    assert caught.value.problems == [
        "plugin 'other', field 'services.slug': duplicate slug 'demo-service', already used by plugin 'demo'"
    ]


def test_every_problem_is_reported_at_once() -> None:
    class Bad(Demo):
        kind = "bank"
        website = "nowhere"

    assert len(problems_of(Bad)) == 2


def _reading(*codes: str) -> type[Demo]:
    class Plain(Schema):
        worker = fields.text({"ar": "العامل", "fr": "Travailleur"})

    form = HostedForm(schema=Plain, rules=codes)

    class Reader(Demo):
        code = "reader"
        services = (service("demo-reader", channels=(PORTAL_CHANNEL,), hosted=True, form=form),)

    return Reader


def test_a_form_reading_a_rule_no_enabled_body_declares_stops_the_load() -> None:
    with pytest.raises(RegistryError) as caught:
        build_registry({"reader": _reading("demo.rate", "demo.floor")}, LOCALES)
    assert caught.value.problems == [
        "plugin 'reader', field 'services[demo-reader].form.rules': the form reads rule 'demo.rate', which no "
        "enabled body declares",
        "plugin 'reader', field 'services[demo-reader].form.rules': the form reads rule 'demo.floor', which no "
        "enabled body declares",
    ]


def test_a_form_may_read_the_rules_of_another_enabled_body() -> None:
    class Declaring(Demo):
        services = ()
        rules = (RuleDefinition("demo.rate", {"ar": "النسبة", "fr": "Taux"}, "percent"),)

    registry = build_registry({"demo": Declaring, "reader": _reading("demo.rate")}, LOCALES)
    assert list(registry.rules) == ["demo.rate"]


def test_a_fully_online_level_needs_online_payment() -> None:
    class Bad(Demo):
        services = (service(maturity=4, payment="elsewhere"),)

    assert problems_of(Bad) == [
        "plugin 'demo', field 'services[demo-service].maturity': level 4 or above needs online payment; "
        "payment is elsewhere"
    ]


def test_an_unknown_payment_is_named() -> None:
    class Bad(Demo):
        services = (service(payment="cash"),)

    assert len(problems_of(Bad)) == 1 and "services[demo-service].payment" in problems_of(Bad)[0]
