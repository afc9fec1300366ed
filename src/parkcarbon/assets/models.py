"""Carbon assets: accounts of allowances and offsets, an immutable double-entry ledger, CCER projects with their
serial ranges, allocations, and price series. Balances are never stored as the truth: the balance of an account at
any date is the sum of its entries up to that date. ``Account.balance`` is a running total of all entries, kept by
``services.post`` under a row lock and guarded by a CHECK constraint, so the database itself refuses an overdraft."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet


class Instrument(models.TextChoices):
    ALLOWANCE = "allowance", _("Allowance (CEA / pilot allowance)")
    CCER = "ccer", _("CCER offset")


class Market(models.TextChoices):
    NATIONAL = "national", _("National carbon market")
    BEIJING = "beijing", _("Beijing pilot")
    SHANGHAI = "shanghai", _("Shanghai pilot")
    GUANGDONG = "guangdong", _("Guangdong pilot")
    SHENZHEN = "shenzhen", _("Shenzhen pilot")
    TIANJIN = "tianjin", _("Tianjin pilot")
    HUBEI = "hubei", _("Hubei pilot")
    CHONGQING = "chongqing", _("Chongqing pilot")
    FUJIAN = "fujian", _("Fujian pilot")


class AccountKind(models.TextChoices):
    HOLDING = "holding", _("Holding account")
    # The other side of every movement into or out of the park: never negative-checked, they mirror the outside.
    REGISTRY = "registry", _("Registry (issuance / allocation)")
    MARKET = "market", _("Market counterparties")
    RETIRED = "retired", _("Surrendered / retired")


class ByParkQuerySet(TenantQuerySet):
    """Park staff and agencies assigned to the park reach every row of the park; enterprise users and agencies
    assigned to an enterprise reach that enterprise's rows."""

    policy_type = "asset_account"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(enterprise__in=scope.enterprises)


class AccountQuerySet(ByParkQuerySet):
    pass


class OffsetProjectQuerySet(TenantQuerySet):
    """A project reaches the park's staff, and the enterprises holding an account of it."""

    policy_type = "asset_account"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(accounts__enterprise__in=scope.enterprises)


class OffsetProject(TrackedModel):
    """A CCER (or other recognised) project whose credits an account holds."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+", verbose_name=_("park"))
    registry_id = models.CharField(_("registry project number"), max_length=60)
    name = models.CharField(_("project name"), max_length=200)
    methodology = models.CharField(_("methodology"), max_length=60, help_text=_("e.g. CCER-14-001-V01"))
    serial_prefix = models.CharField(_("serial number prefix"), max_length=60, blank=True)

    objects = OffsetProjectQuerySet.as_manager()

    class Meta:
        ordering = ["registry_id"]
        verbose_name = _("offset project")
        constraints = [models.UniqueConstraint(fields=["park", "registry_id"], name="offset_project_unique_in_park")]

    def __str__(self) -> str:
        return f"{self.registry_id} {self.name}"


class Account(models.Model):
    """One holding of one fungible unit: an instrument on a market, of one vintage (CCER: and one project)."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+", verbose_name=_("park"))
    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="asset_accounts", verbose_name=_("enterprise"),
                                   help_text=_("Empty: the park's own voluntary credits."))
    kind = models.CharField(_("kind"), max_length=10, choices=AccountKind.choices, default=AccountKind.HOLDING)
    code = models.CharField(_("account code"), max_length=60,
                            help_text=_("Registry account or an identifier used in statement files."))
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    market = models.CharField(_("market"), max_length=12, choices=Market.choices, default=Market.NATIONAL)
    vintage = models.PositiveSmallIntegerField(_("vintage"), help_text=_("Allowances: the year allocated for; "
                                                                         "CCERs: the year of reduction."))
    project = models.ForeignKey(OffsetProject, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="accounts", verbose_name=_("offset project"))
    balance = models.BigIntegerField(_("balance (t)"), default=0)  # running total of all entries (services.post)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        ordering = ["park", "enterprise__name", "instrument", "market", "vintage", "pk"]
        verbose_name = _("asset account")
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="asset_account_code_unique_in_park"),
            models.CheckConstraint(condition=~Q(kind="holding") | Q(balance__gte=0), name="asset_holding_not_negative"),
            models.CheckConstraint(condition=Q(instrument="allowance", project__isnull=True)
                                   | Q(instrument="ccer", project__isnull=False), name="asset_ccer_has_project"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def unit_key(self) -> tuple:
        """Entries of one transaction move one fungible unit: accounts must agree on it."""
        return (self.park_id, self.instrument, self.market, self.vintage, self.project_id)


class Kind(models.TextChoices):
    ALLOCATION = "allocation", _("Allocation")
    ISSUANCE = "issuance", _("Issuance")
    BUY = "buy", _("Buy")
    SELL = "sell", _("Sell")
    TRANSFER = "transfer", _("Transfer")
    SURRENDER = "surrender", _("Surrender")
    REVERSAL = "reversal", _("Reversal")


class Immutable(models.Model):
    """Rows written once: saving an existing row or deleting one is refused (a mistake is reversed instead)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValidationError(_("Ledger rows are immutable: reverse the transaction instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Ledger rows are immutable: reverse the transaction instead."))


class TransactionQuerySet(TenantQuerySet):
    policy_type = "asset_account"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(entries__account__enterprise__in=scope.enterprises)


class Transaction(Immutable):
    """One economic event; its entries sum to zero."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    price = models.DecimalField(_("price (yuan/t)"), max_digits=12, decimal_places=2, null=True, blank=True)
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    compliance_year = models.PositiveSmallIntegerField(_("compliance year"), null=True, blank=True, db_index=True)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reversed_by", verbose_name=_("reverses"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class EntryQuerySet(TenantQuerySet):
    policy_type = "asset_account"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(account__park__in=scope.all_parks) | Q(account__enterprise__in=scope.enterprises)


class Entry(Immutable):
    """One leg: ``quantity`` tonnes (t CO2 / t CO2e) into (+) or out of (-) ``account`` on ``date``."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    date = models.DateField()  # the transaction's date, here so a balance at a date reads one table
    quantity = models.BigIntegerField()

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["account", "date"], name="asset_entry_account_date")]
        constraints = [models.CheckConstraint(condition=~Q(quantity=0), name="asset_entry_not_zero")]

    def __str__(self) -> str:
        return f"{self.date} {self.account_id} {self.quantity:+}"


class SerialBlock(Immutable):
    """A serial-number range of offsets received by an account (issuance or purchase). Ranges of one project never
    overlap: the same credit cannot be held twice."""

    project = models.ForeignKey(OffsetProject, on_delete=models.PROTECT, related_name="serial_blocks")
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="serial_blocks")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="serial_blocks")
    first = models.BigIntegerField(_("first serial"))
    last = models.BigIntegerField(_("last serial"))

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["project", "first"]
        constraints = [models.CheckConstraint(condition=Q(last__gte=models.F("first")) & Q(first__gte=0),
                                              name="asset_serial_range_ordered")]

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1


class AllocationStage(models.TextChoices):
    PRE = "pre", _("Pre-allocation")
    FINAL = "final", _("Final allocation (true-up)")


class Allocation(TrackedModel):
    """Allowances allocated to an enterprise for a compliance year: computed by the benchmark method (inputs kept)
    or entered as issued. Posting it writes an allocation transaction of the difference to what was already
    allocated for that year, so a final true-up adds (or takes back) only the rest."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.PROTECT, related_name="allocations",
                                   verbose_name=_("enterprise"))
    market = models.CharField(_("market"), max_length=12, choices=Market.choices, default=Market.NATIONAL)
    year = models.PositiveSmallIntegerField(_("compliance year"))
    stage = models.CharField(_("stage"), max_length=6, choices=AllocationStage.choices)
    method = models.CharField(_("method"), max_length=40)  # "entered", "power_benchmark", "verified_emissions"
    inputs = models.JSONField(default=dict, blank=True)
    quantity = models.BigIntegerField(_("allowances (t)"))
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, null=True, related_name="allocation")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ByParkQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "enterprise__name", "pk"]


class PriceQuerySet(TenantQuerySet):
    policy_type = "asset_account"

    def scope_filter(self, scope: Scope) -> Q:
        from parkcarbon.parks.models import Enterprise

        parks = set(scope.all_parks) | set(Enterprise.objects.filter(pk__in=scope.enterprises)
                                           .values_list("park", flat=True))
        return Q(park__in=parks)


class Price(TrackedModel):
    """A closing price of an instrument on a market (yuan per tonne), entered or imported."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+")
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    market = models.CharField(_("market"), max_length=12, choices=Market.choices, default=Market.NATIONAL)
    date = models.DateField(_("date"))
    price = models.DecimalField(_("price (yuan/t)"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = PriceQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "market", "date"]
        constraints = [
            models.UniqueConstraint(fields=["park", "instrument", "market", "date"], name="asset_price_one_per_day"),
            models.CheckConstraint(condition=Q(price__gt=0), name="asset_price_positive"),
        ]
