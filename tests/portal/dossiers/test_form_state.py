"""The form state on its own: the same moves as the pages make, without a page, and a state that can be stored."""

from __future__ import annotations

import json
from dataclasses import asdict

from flask import Flask

from portal.dossiers import form_state
from portal.dossiers.form_state import FormState, Move, StepInput, StepShown

WHO = {"worker_name": "Samir Bensalem", "kind": "sick"}


def test_a_state_stored_as_json_takes_the_applicant_where_the_live_one_does(hosted_app: Flask) -> None:
    with hosted_app.test_request_context("/fr/"):
        hosted = form_state.open_service("demo-leave")
        assert hosted is not None
        first = form_state.advance(hosted, StepInput(FormState(answers=WHO)), "fr")
        assert isinstance(first, StepShown) and first.state.step == 1 and first.errors == {}
        stored = FormState(**json.loads(json.dumps(asdict(first.state))))
        assert stored == first.state
        again = form_state.advance(hosted, StepInput(stored, Move("back")), "fr")
        assert isinstance(again, StepShown) and again.state.step == 0
        assert again.state.answers == WHO and again.state.key == first.state.key


def test_a_rule_across_steps_is_checked_with_the_answers_of_the_earlier_step(hosted_app: Flask) -> None:
    with hosted_app.test_request_context("/fr/"):
        hosted = form_state.open_service("demo-leave")
        assert hosted is not None
        state = FormState(step=1, answers={**WHO, "start": "2026-03-01", "days": "40"})
        shown = form_state.advance(hosted, StepInput(state), "fr")
        assert isinstance(shown, StepShown)
        assert shown.problem == "invalid" and shown.state.step == 1 and list(shown.errors) == ["days"]
        assert shown.state.answers["days"] == "40"  # what was typed is shown again, not lost


def test_no_service_opens_under_a_slug_that_takes_no_applications(hosted_app: Flask) -> None:
    with hosted_app.test_request_context("/fr/"):
        assert form_state.open_service("no-such-service") is None
