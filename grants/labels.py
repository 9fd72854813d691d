"""Words the site and the downloads put around the data, in every language.

Kept in the core, not in templates, because the CSV and JSON downloads name
grant types and statuses with the same words the pages use.
"""

from __future__ import annotations

from grants.model import Text

GRANT_TYPES = {
    "short": Text(kk="Қысқа мерзімді", ru="Краткосрочный", en="Short-term"),
    "medium": Text(kk="Орта мерзімді", ru="Среднесрочный", en="Medium-term"),
    "long": Text(kk="Ұзақ мерзімді", ru="Долгосрочный", en="Long-term"),
}

STATUSES = {
    "planned": Text(kk="Жоспарланған", ru="Запланирован", en="Planned"),
    "open": Text(kk="Өтінім қабылдануда", ru="Приём заявок", en="Open for applications"),
    "evaluation": Text(kk="Бағалануда", ru="На оценке", en="Under evaluation"),
    "awarded": Text(kk="Грант берілді", ru="Грант присуждён", en="Awarded"),
    "in_progress": Text(kk="Іске асырылуда", ru="Реализуется", en="In progress"),
    "completed": Text(kk="Аяқталды", ru="Завершён", en="Completed"),
    "cancelled": Text(kk="Күші жойылды", ru="Отменён", en="Cancelled"),
}

COMPARISONS = {
    "at_least": Text(kk="кемінде", ru="не менее", en="at least"),
    "at_most": Text(kk="ең көбі", ru="не более", en="at most"),
    "exactly": Text(kk="дәл", ru="ровно", en="exactly"),
}
