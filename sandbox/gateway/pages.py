"""The hosted card page, in Arabic, French and English, and its 3-D Secure challenge."""

from __future__ import annotations

from html import escape

TEXTS = {
    "fr": {"title": "Paiement sécurisé (bac à sable)", "amount": "Montant", "pan": "Numéro de carte",
           "expiry": "Date d'expiration (MM/AA)", "cvv": "CVV2", "name": "Nom du titulaire", "pay": "Payer",
           "cancel": "Annuler", "otp": "Code reçu par SMS (3-D Secure)", "confirm": "Valider",
           "test": "Bac à sable : aucune carte réelle n'est acceptée. Cartes de test : 4111 1111 1111 1111 "
                   "(succès), 4000 0000 0000 0002 (refus), 4000 0000 0000 9995 (solde insuffisant), "
                   "4000 0000 0000 0119 (session expirée), 4000 0000 0000 3220 (3-D Secure, code 123456).",
           "gone": "Cette commande est inconnue ou déjà traitée."},
    "en": {"title": "Secure payment (sandbox)", "amount": "Amount", "pan": "Card number",
           "expiry": "Expiry date (MM/YY)", "cvv": "CVV2", "name": "Cardholder's name", "pay": "Pay",
           "cancel": "Cancel", "otp": "Code received by SMS (3-D Secure)", "confirm": "Confirm",
           "test": "Sandbox: no real card is accepted. Test cards: 4111 1111 1111 1111 (success), "
                   "4000 0000 0000 0002 (declined), 4000 0000 0000 9995 (insufficient funds), "
                   "4000 0000 0000 0119 (session expired), 4000 0000 0000 3220 (3-D Secure, code 123456).",
           "gone": "This order is unknown or already processed."},
    "ar": {"title": "دفع آمن (بيئة تجريبية)", "amount": "المبلغ", "pan": "رقم البطاقة",
           "expiry": "تاريخ انتهاء الصلاحية (شهر/سنة)", "cvv": "CVV2", "name": "اسم حامل البطاقة", "pay": "ادفع",
           "cancel": "إلغاء", "otp": "الرمز المستلم عبر الرسائل القصيرة (3-D Secure)", "confirm": "تأكيد",
           "test": "بيئة تجريبية: لا تُقبل أي بطاقة حقيقية. بطاقات الاختبار: 4111 1111 1111 1111 (نجاح)، "
                   "4000 0000 0000 0002 (رفض)، 4000 0000 0000 9995 (رصيد غير كافٍ)، "
                   "4000 0000 0000 0119 (انتهاء الجلسة)، 4000 0000 0000 3220 (3-D Secure، الرمز 123456).",
           "gone": "هذا الطلب غير معروف أو تمت معالجته."},
}  # fmt: skip


def _frame(lang: str, body: str) -> str:
    text = TEXTS[lang]
    direction = "rtl" if lang == "ar" else "ltr"
    return (f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{text["title"]}</title>'
            f'</head><body><main><h1>{text["title"]}</h1>{body}</main></body></html>')  # fmt: skip


def _field(name: str, label: str, autocomplete: str, mode: str = "numeric") -> str:
    return (f'<p><label for="{name}">{label}</label><br><input id="{name}" name="{name}" dir="ltr" '
            f'inputmode="{mode}" autocomplete="{autocomplete}" required></p>')  # fmt: skip


def card_page(lang: str, action: str, amount: str) -> str:
    text = TEXTS[lang]
    form = (f'<p>{text["amount"]} : <span dir="ltr">{escape(amount)}</span></p><p>{text["test"]}</p>'
            f'<form method="post" action="{escape(action)}">'
            + _field("pan", text["pan"], "cc-number") + _field("expiry", text["expiry"], "cc-exp")
            + _field("cvv", text["cvv"], "cc-csc") + _field("name", text["name"], "cc-name", "text")
            + f'<p><button name="do" value="pay">{text["pay"]}</button> '
            f'<button name="do" value="cancel" formnovalidate>{text["cancel"]}</button></p></form>')  # fmt: skip
    return _frame(lang, form)


def challenge_page(lang: str, action: str) -> str:
    text = TEXTS[lang]
    form = (f'<form method="post" action="{escape(action)}">' + _field("otp", text["otp"], "one-time-code")
            + f'<p><button>{text["confirm"]}</button></p></form>')  # fmt: skip
    return _frame(lang, form)


def gone_page(lang: str) -> str:
    return _frame(lang, f"<p>{TEXTS[lang]['gone']}</p>")
