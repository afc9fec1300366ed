"""Validators for Chinese registration identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parkcarbon.parks.industry import lookup

# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z) and the weights of positions 1-17.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The 18th character: 31 - (sum of value x weight mod 31), where 31 maps to '0'."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has exactly 18 characters (this one has %(n)d)."),
            code="credit_code_length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            _(
                "Invalid characters %(chars)s: a unified social credit code uses digits and capital letters except I, O, S, V, Z."
            ),
            code="credit_code_charset",
            params={"chars": ", ".join(bad)},
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The last character is a check character computed from the first 17 (GB 32100-2015): "
                "for this code it must be %(expected)s, not %(actual)s. Please check for a typing error."
            ),
            code="credit_code_check",
            params={"expected": expected, "actual": code[17]},
        )


def validate_industry_code(value: str) -> None:
    item = lookup(value)
    if item is None or item.level == "section":
        raise ValidationError(
            _(
                "%(code)s is not a GB/T 4754-2017 industry code (division, group or class) known to ParkCarbon."
            ),
            code="industry_code",
            params={"code": value},
        )


def validate_division_code(value: str) -> None:
    """A code of the shipped GB/T 2260 / MCA division list (trial, issue 21)."""
    from parkcarbon.parks.divisions import lookup as division

    if value and division(value) is None:
        raise ValidationError(_("Unknown region code %(code)s."), code="division", params={"code": value})


def validate_cn_mobile(value: str) -> None:
    """A mainland China mobile number: 11 digits starting 13-19 (an optional +86 / 86 prefix is accepted)."""
    digits = normalise_cn_mobile(value)
    if not (len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789" and digits.isdigit()):
        raise ValidationError(_("Enter a mainland China mobile number: 11 digits starting with 13 to 19."),
                              code="mobile")


def normalise_cn_mobile(value: str) -> str:
    text = "".join(ch for ch in (value or "") if not ch.isspace() and ch != "-")
    return text.removeprefix("+86").removeprefix("0086") if len(text) > 11 else text
