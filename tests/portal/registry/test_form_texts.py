"""Every text a hosted form declares is checked in every enabled locale when the plugins load: a form that
misses one French text does not load, and the message names the plugin, the service and the text."""

from __future__ import annotations

import pytest

from portal.registry import RegistryError, build_registry
from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    PORTAL_CHANNEL,
    Document,
    Exit,
    HandlingStatus,
    HostedForm,
    Schema,
    Step,
    fields,
)
from tests.plugins import Demo, service

LOCALES = ["ar", "fr"]
# Each kind of text, and where the loader says it is missing.
KINDS = {
    "field label": "schema.worker.label",
    "field help": "schema.worker.help",
    "choice label": "schema.kind.choices.sick",
    "table column": "schema.wages.columns.ssn",
    "step title": "steps.who.titles",
    "document label": "documents.certificate.labels",
    "document help": "documents.certificate.help",
    "submit label": "submit_label",
    "status label": "statuses.closed.labels",
    "status message": "statuses.closed.messages",
    "estimate label": "estimate_labels.amount",
    "exit title": "exits.too_long.titles",
    "exit reason": "exits.too_long.why",
    "exit alternative": "exits.too_long.instead",
    "exit legal text": "exits.too_long.legal",
}


def form_missing(missing: str | None) -> HostedForm:
    """A form with every kind of text, in both locales except the French of the ``missing`` kind."""

    def texts(kind: str) -> dict[str, str]:
        return {"ar": f"نص {kind}"} if kind == missing else {"ar": f"نص {kind}", "fr": f"Texte {kind}"}

    class Everything(Schema):
        worker = fields.text(texts("field label"), texts("field help"))
        kind = fields.choice({"ar": "النوع", "fr": "Type"}, {"sick": texts("choice label")})
        wages = fields.table({"ar": "الأجور", "fr": "Salaires"}, {"ssn": texts("table column")})

    closed = HandlingStatus("closed", texts("status label"), texts("status message"), final=True)
    return HostedForm(
        schema=Everything,
        steps=(Step("who", texts("step title"), ("worker", "kind", "wages")),),
        documents=(Document("certificate", texts("document label"), texts("document help")),),
        statuses=(*DEFAULT_STATUSES[:3], closed),
        submit_label=texts("submit label"),
        estimate_labels={"amount": texts("estimate label")},
        exits=(Exit("too_long", texts("exit title"), texts("exit reason"), texts("exit alternative"),
                    legal=texts("exit legal text")),),
    )  # fmt: skip


def plugin_with(form: HostedForm) -> type[Demo]:
    class Hosting(Demo):
        services = (service("demo-hosted", channels=(PORTAL_CHANNEL,), hosted=True, form=form),)

    return Hosting


def test_a_form_with_every_text_in_every_locale_loads() -> None:
    registry = build_registry({"demo": plugin_with(form_missing(None))}, LOCALES)
    assert registry.bodies["demo"].services[0].form is not None


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_text_missing_in_one_locale_stops_the_load_naming_plugin_service_and_text(kind: str) -> None:
    with pytest.raises(RegistryError) as caught:
        build_registry({"demo": plugin_with(form_missing(kind))}, LOCALES)
    assert caught.value.problems == [
        f"plugin 'demo', field 'services[demo-hosted].form.{KINDS[kind]}': missing 'fr' translation"
    ]


def test_a_help_or_a_button_label_may_be_left_out_altogether() -> None:
    class Plain(Schema):
        worker = fields.text({"ar": "العامل", "fr": "Travailleur"})

    form = HostedForm(schema=Plain, documents=(Document("certificate", {"ar": "الشهادة", "fr": "Certificat"}),))
    assert build_registry({"demo": plugin_with(form)}, LOCALES).bodies["demo"]


def test_an_exit_names_a_rule_the_form_reads_or_a_legal_text() -> None:
    texts = {"ar": "نص", "fr": "Texte"}

    class Plain(Schema):
        worker = fields.text({"ar": "العامل", "fr": "Travailleur"})

    unknown_rule = Exit("old", texts, texts, texts, rules=("demo.unknown",))
    nothing = Exit("vague", texts, texts, texts)
    with pytest.raises(RegistryError) as caught:
        build_registry({"demo": plugin_with(HostedForm(schema=Plain, exits=(unknown_rule, nothing)))}, LOCALES)
    assert caught.value.problems == [
        "plugin 'demo', field 'services[demo-hosted].form.exits.old.rules': 'demo.unknown' is not among the form's "
        "rules",
        "plugin 'demo', field 'services[demo-hosted].form.exits.vague': name the rule or the legal text that "
        "decides it",
    ]
