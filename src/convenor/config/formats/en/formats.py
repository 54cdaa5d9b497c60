"""English date formats: "4 Aug 2017" everywhere (Django's own English default is
"Aug. 4, 2017"). French and Spanish keep Django's formats ("4 août 2017",
"4 de agosto de 2017"). Templates use the |day and |moment filters (core), which use these."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
