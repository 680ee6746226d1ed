"""The rule catalogue: the rule model (units, versions, legal bases) and loading the
shipped ``data/rules.toml`` and user rule files (``catalogue``). May import
``gkcli.calendar`` and ``gkcli.core``."""

from gkcli.rules.catalogue import LegalBasis, Rule, RuleCatalogue, RuleVersion, Unit, load_catalogue

__all__ = ["LegalBasis", "Rule", "RuleCatalogue", "RuleVersion", "Unit", "load_catalogue"]
