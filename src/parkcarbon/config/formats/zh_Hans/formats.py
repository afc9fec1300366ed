"""Number formats for Simplified Chinese, over Django's own (which group by 4 digits with no separator, so
6201307.7 t printed as "6201307.7"). Statistical and financial tables in China group by thousands with a comma
(e.g. 6,201,307.7), as the English pages do; dates keep Django's zh_Hans formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
DECIMAL_SEPARATOR = "."
