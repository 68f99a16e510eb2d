"""My records at the funds, as a citizen uses them: link by NSS, date of birth and the code the fund sent (read from
the sandbox's outbox), or by the NIN verified by the identity provider; nothing personal before; the career record
with its gaps; the fund down (the kept page, with its date, in French and in Arabic)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts import profile
from portal.accounts.models import Account
from portal.connectors.models import FundAnswer, FundLink
from portal.extensions import db
from portal.i18n.formats import format_day
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import PASSWORD, create_account
from tests.portal.connectors.conftest import AMINA

FUNDS, LINK, CODE, CAREER = (
    "/fr/my/funds/",
    "/fr/my/funds/demo/link",
    "/fr/my/funds/demo/code",
    "/fr/my/funds/demo/career",
)


def _signed_in(app: Flask, identifier: str = "amina@example.dz") -> FlaskClient:
    client = app.test_client()
    create_account(app, client, identifier)
    return client


def _link_form(nss: str = "8703 1401 2345", born: date = AMINA["birth_date"]) -> dict[str, str]:  # type: ignore[assignment]
    return {"nss": nss, "birth_date-day": str(born.day), "birth_date-month": str(born.month),
            "birth_date-year": str(born.year)}  # fmt: skip


def _link_by_code(app: Flask, client: FlaskClient, funds_sandbox: Sandbox) -> None:
    assert client.post(LINK, data=_link_form()).headers["Location"] == CODE
    code = funds_sandbox.last_code(AMINA["phone"])  # type: ignore[arg-type]
    assert client.post(CODE, data={"code": code}).headers["Location"] == FUNDS


def test_nothing_personal_is_shown_before_the_fund_confirms(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    page = client.get(FUNDS).get_data(as_text=True)
    assert "Caisse d&#39;essai" in page and "Non lié." in page
    assert client.get(CAREER).headers["Location"] == LINK


def test_a_citizen_links_with_the_code_the_fund_sent_and_reads_the_career(
    connected_app: Flask, funds_sandbox: Sandbox
) -> None:
    client = _signed_in(connected_app)
    client.post(LINK, data=_link_form())
    code_page = client.get(CODE).get_data(as_text=True)
    assert "qui se termine par •• •• 34 56" in code_page
    code = funds_sandbox.last_code(AMINA["phone"])  # type: ignore[arg-type]
    assert client.post(CODE, data={"code": code}).headers["Location"] == FUNDS
    assert "Votre compte est lié à votre dossier auprès de Caisse d&#39;essai." in client.get(FUNDS).get_data(
        as_text=True)  # fmt: skip
    career = client.get(CAREER).get_data(as_text=True)
    assert "Clinique Les Orangers" in career and "SARL Atlas Bâtiment" in career
    assert "aucune cotisation enregistrée du 1er avril 2015 au 31 décembre 2015." in career
    assert "1 interruption dans votre carrière." in career
    assert "Données au" in career and "Depuis le 1er janvier 2016" in career


def test_a_wrong_code_is_refused_and_too_many_end_the_attempt(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    client.post(LINK, data=_link_form())
    right = funds_sandbox.last_code(AMINA["phone"])  # type: ignore[arg-type]
    wrong = "000000" if right != "000000" else "111111"
    refused = client.post(CODE, data={"code": wrong})
    assert refused.status_code == 422
    assert "Ce code n’est pas celui envoyé par Caisse d&#39;essai." in refused.get_data(as_text=True)
    client.post(CODE, data={"code": wrong})
    client.post(CODE, data={"code": wrong})
    assert client.post(CODE, data={"code": right}).headers["Location"] == LINK  # a new code is needed
    assert client.get(CAREER).headers["Location"] == LINK


def test_an_unknown_number_is_said_on_the_form(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    refused = client.post(LINK, data=_link_form(nss="870314012346"))
    assert refused.status_code == 422
    assert "Caisse d&#39;essai n’a aucun dossier avec ce numéro" in refused.get_data(as_text=True)
    assert client.post(LINK, data=_link_form(nss="1234")).status_code == 422  # not 12 digits: the fund is not asked


def test_the_fund_down_while_linking_is_said_and_nothing_is_lost(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    funds_sandbox.fault("cnr", "error")
    down = client.post(LINK, data=_link_form())
    assert down.status_code == 503
    assert "ne répond pas pour le moment. Rien n’est perdu" in down.get_data(as_text=True)
    assert 'value="8703 1401 2345"' in down.get_data(as_text=True)  # what was typed is still there


def test_a_verified_nin_links_without_a_code(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    with connected_app.app_context():
        account = db.session.scalar(select(Account).where(Account.identifier == "amina@example.dz"))
        assert account is not None
        profile.record(account, "nin", str(AMINA["nin"]), verified_by="identity:127.0.0.1")
        profile.record(account, "birth_date", "1987-03-14", verified_by="identity:127.0.0.1")
        db.session.commit()
    assert "Lier avec mon identité nationale" in client.get(LINK).get_data(as_text=True)
    assert client.post("/fr/my/funds/demo/identity").headers["Location"] == FUNDS
    assert "Clinique Les Orangers" in client.get(CAREER).get_data(as_text=True)


def test_a_declared_nin_does_not_link(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    client.post("/fr/my/profile", data={"nin": str(AMINA["nin"]), "birth_date-day": "14", "birth_date-month": "3",
                                        "birth_date-year": "1987", "language": "fr"})  # fmt: skip
    assert "Lier avec mon identité nationale" not in client.get(LINK).get_data(as_text=True)
    assert client.post("/fr/my/funds/demo/identity").status_code == 404


def test_the_fund_down_shows_the_kept_page_with_its_date(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    _link_by_code(connected_app, client, funds_sandbox)
    client.get(CAREER)
    funds_sandbox.fault("cnr", "error")
    with connected_app.test_request_context("/"):
        kept = db.session.scalar(select(FundAnswer))
        assert kept is not None
        french, arabic = format_day(kept.fetched_at, "fr"), format_day(kept.fetched_at, "ar")
    page = client.get(CAREER).get_data(as_text=True)
    assert f"ne répond pas pour le moment : voici les données au {french}." in page
    assert "Clinique Les Orangers" in page
    arabic_page = client.get("/ar/my/funds/demo/career").get_data(as_text=True)
    assert f"لا يستجيب حاليا: إليكم البيانات بتاريخ {arabic}." in arabic_page
    assert 'dir="rtl"' in arabic_page


def test_a_link_is_the_accounts_own(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    _link_by_code(connected_app, client, funds_sandbox)
    other = _signed_in(connected_app, "other@example.dz")
    assert "Non lié." in other.get(FUNDS).get_data(as_text=True)
    assert other.get(CAREER).headers["Location"] == LINK


def test_ending_the_link_deletes_what_was_read(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    _link_by_code(connected_app, client, funds_sandbox)
    client.get(CAREER)
    assert client.post("/fr/my/funds/demo/unlink").headers["Location"] == FUNDS
    with connected_app.app_context():
        assert db.session.scalar(select(FundAnswer)) is None
    assert client.get(CAREER).headers["Location"] == LINK


def test_asking_a_fund_for_codes_is_limited_per_account(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    statuses = [client.post(LINK, data=_link_form()).status_code for _attempt in range(6)]
    assert statuses == [302] * 5 + [429]
    assert _signed_in(connected_app, "other@example.dz").post(LINK, data=_link_form()).status_code == 302


def test_my_data_holds_my_links_and_closing_deletes_them(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    client = _signed_in(connected_app)
    _link_by_code(connected_app, client, funds_sandbox)
    client.get(CAREER)
    funds = client.get("/fr/my/data.json").get_json()["funds"]
    assert [(link["fund"], link["state"], link["method"]) for link in funds["links"]] == [("demo", "linked", "code")]
    assert [answer["operation"] for answer in funds["answers"]] == ["career"]
    client.post("/fr/my/close", data={"password": PASSWORD})
    with connected_app.app_context():
        assert db.session.scalar(select(FundAnswer)) is None and db.session.scalar(select(FundLink)) is None


def test_the_link_form_is_prefilled_from_the_profile(connected_app: Flask) -> None:
    client = _signed_in(connected_app)
    client.post("/fr/my/profile", data={"nss": "870314012345", "birth_date-day": "14", "birth_date-month": "3",
                                        "birth_date-year": "1987", "language": "fr"})  # fmt: skip
    page = client.get(LINK).get_data(as_text=True)
    assert 'value="870314012345"' in page and 'value="14"' in page and 'value="1987"' in page
