"""A hosted form and its applicant's account: whose the drafts, files and dossier are (nobody's for an anonymous
service, even when a citizen is signed in), and the answers taken from the profile. A prefilled answer is shown as
such; one the service locks is the profile's whatever the page sends."""

from __future__ import annotations

from collections.abc import Mapping

from portal.current_account import current_account_id, current_acting, current_profile
from portal.registry.hosted_form import ACCOUNT_NEEDED, ACCOUNT_NONE, HostedForm


def applicant_id(form: HostedForm | None) -> int | None:
    """The account the form's drafts, files and dossier belong to: the signed-in one, unless the service is
    anonymous."""
    if form is not None and form.account == ACCOUNT_NONE:
        return None
    return current_account_id()


def documents_owner(form: HostedForm | None) -> int | None:
    """The account whose earlier documents the form offers again: the applicant's, but never to a representative
    (a mandate names services, not the represented person's other papers)."""
    acting = current_acting()
    return None if acting is not None and acting.under_mandate else applicant_id(form)


def needs_sign_in(form: HostedForm) -> bool:
    """The service needs an account and nobody is signed in."""
    return form.account == ACCOUNT_NEEDED and current_account_id() is None


def from_profile(form: HostedForm) -> dict[str, str]:
    """The answers the profile of the signed-in applicant gives (field -> value), for the fields it prefills."""
    if not form.prefill or applicant_id(form) is None:
        return {}
    profile = current_profile()
    return {name: profile[attribute] for name, attribute in form.prefill.items() if profile.get(attribute)}


def fill(form: HostedForm, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers to show: the profile's values where the field was never answered, and the locked ones."""
    given = from_profile(form)
    return lock(form, {**{name: value for name, value in given.items() if name not in answers}, **answers}, given)


def lock(form: HostedForm, answers: Mapping[str, str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """The answers sent, with the profile's value imposed on each field the service locks (whatever was sent)."""
    given = from_profile(form) if given is None else given
    return {**answers, **{name: given[name] for name in form.prefill_locked if name in given}}


def prefilled(form: HostedForm, answers: Mapping[str, str]) -> dict[str, bool]:
    """The fields whose answer is the profile's value: field -> whether the service locks it."""
    given = from_profile(form)
    return {name: name in form.prefill_locked for name, value in given.items() if answers.get(name) == value}
