"""Number format of Simplified Chinese pages: Django's locale groups no digits (6201307.7); statistical tables in
China group by three with a comma (6,201,307.7). Dates and other formats stay Django's zh_Hans ones."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
