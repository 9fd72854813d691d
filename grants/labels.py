"""Words the site and the downloads put around the data, in every language.

Kept in the core, not in templates, because the CSV and JSON downloads name
grant types and statuses with the same words the pages use.
"""

from __future__ import annotations

import functools

from grants import declare, model
from grants.i18n import translations
from grants.model import LANGUAGES, Text

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

#: A field's words where the site says it otherwise than its declaration's title (grants/model.py):
#: the pages' own labels, one item of a list ("Target indicator 2"), a source's or a sector's
#: field in a short word. Every other declared field is told by its title, in the language of
#: the ``schema`` catalog (``field``), so a field added to the declaration needs no entry here.
FIELDS = {
    # lots
    "source": Text(kk="Дереккөз", ru="Источник", en="Source"),
    "problem": Text(kk="Мәселенің қысқаша сипаттамасы", ru="Краткое описание проблемы", en="The problem"),
    "funding": Text(kk="Қаржыландыру көлемі", ru="Объём финансирования", en="Funding"),
    "targets_per_year": Text(
        kk="Жыл сайын орындалады", ru="Выполняются ежегодно", en="To be achieved every year"
    ),
    "indicators": Text(kk="Нысаналы индикатор", ru="Целевой индикатор", en="Target indicator"),
    "results": Text(kk="Күтілетін нәтиже", ru="Ожидаемый результат", en="Expected result"),
    "material_requirements": Text(
        kk="Материалдық-техникалық базаға қойылатын талап",
        ru="Требование к материально-технической базе",
        en="Material and technical requirement",
    ),
    "notes": Text(kk="Дереккөз туралы ескертпе", ru="Примечание об источнике", en="Note on the source"),
    "corrections": Text(
        kk="Дереккөз емлесінің түзетуі",
        ru="Исправление орфографии источника",
        en="Correction of the source's spelling",
    ),
    "source_lines": Text(kk="Құжаттың жолдары", ru="Строки документа", en="Lines in the document"),
    "award.recipient": Text(kk="Грант алушы", ru="Грантополучатель", en="Recipient"),
    "award.bin": Text(kk="Грант алушының БСН", ru="БИН грантополучателя", en="Recipient's BIN"),
    "award.amounts": Text(kk="Грант сомасы", ru="Сумма гранта", en="Amount awarded"),
    "reports": Text(kk="Есеп", ru="Отчёт", en="Report"),
    # sources and sectors
    "issuer": Text(kk="Жариялаған орган", ru="Кем опубликовано", en="Published by"),
    "title": Text(kk="Құжат атауы", ru="Название документа", en="Document title"),
    "document": Text(kk="Құжат файлы", ru="Файл документа", en="Document file"),
    "document_sha256": Text(
        kk="Құжат файлының бақылау сомасы (SHA-256)",
        ru="Контрольная сумма файла документа (SHA-256)",
        en="Document file checksum (SHA-256)",
    ),
    "years": Text(kk="Жылдар", ru="Годы", en="Years"),
    "declared_totals": Text(
        kk="Құжатта көрсетілген жиынтық",
        ru="Итог, указанный в документе",
        en="Total declared in the document",
    ),
    "name": Text(kk="Атауы", ru="Название", en="Name"),
    # a field no declaration has (one an earlier version of the data had)
    "other": Text(kk="Басқа мәліметтер", ru="Другие сведения", en="Other details"),
}


def declared_field(name: str) -> declare.Field | None:
    """The published declaration of the data's field ``name``, looked up as the Changes page
    names fields: a lot's first, then a source's and a sector's; ``award.<part>`` is a part of
    the award. None for an id, for where the data is kept (``lots_file``), or for a field
    today's declaration does not have."""
    part = name.removeprefix("award.")
    classes = (model.Award,) if part != name else (model.Lot, model.Source, model.Sector)
    found = (f for cls in classes for f in declare.fields(cls) if f.name == part)
    return next((f for f in found if f.decl.published and f.name != "id"), None)


@functools.cache
def field(name: str) -> Text | None:
    """The data's field ``name`` in public words, for telling what a change did (the Changes
    page, the feed, each lot's "last changed", the pull-request summary); never a field path.
    Its words in ``FIELDS``, else its declaration's title in each language of the ``schema``
    catalog (the words the editors' hints and the Downloads page show); None for a field no
    declaration has (told as ``FIELDS["other"]``)."""
    if name in FIELDS:
        return FIELDS[name]
    found = declared_field(name)
    if found is None:
        return None
    return Text(*(translations(lang, "schema").gettext(found.decl.title) for lang in LANGUAGES))


#: What happened to a field, where its values are not shown.
CHANGES = {
    "added": Text(kk="қосылды", ru="добавлено", en="added"),
    "removed": Text(kk="алынып тасталды", ru="удалено", en="removed"),
    "changed": Text(kk="өзгертілді", ru="изменено", en="changed"),
    "translation.ru": Text(
        kk="орысша аудармасы өзгертілді", ru="изменён перевод на русский", en="Russian translation changed"
    ),
    "translation.en": Text(
        kk="ағылшынша аудармасы өзгертілді",
        ru="изменён перевод на английский",
        en="English translation changed",
    ),
    "translation.ru.added": Text(
        kk="орысша аудармасы қосылды", ru="добавлен перевод на русский", en="Russian translation added"
    ),
    "translation.en.added": Text(
        kk="ағылшынша аудармасы қосылды", ru="добавлен перевод на английский", en="English translation added"
    ),
    "yes": Text(kk="иә", ru="да", en="yes"),
    "no": Text(kk="жоқ", ru="нет", en="no"),
    "source.added": Text(kk="Жаңа тізбе", ru="Новый перечень", en="New list"),
    "source.removed": Text(kk="Тізбе алынып тасталды", ru="Перечень удалён", en="List removed"),
    "source.changed": Text(kk="Тізбе өзгертілді", ru="Перечень изменён", en="List changed"),
    "sector.added": Text(kk="Жаңа сала", ru="Новая сфера", en="New sector"),
    "sector.removed": Text(kk="Сала алынып тасталды", ru="Сфера удалена", en="Sector removed"),
    "sector.changed": Text(kk="Сала өзгертілді", ru="Сфера изменена", en="Sector changed"),
}

#: The Atom feed's and the deadline calendar's words.
FEED = {
    "added": Text(kk="Жаңа лот", ru="Новый лот", en="New lot"),
    "changed": Text(kk="Лот өзгертілді", ru="Лот изменён", en="Lot changed"),
    "removed": Text(kk="Лот алынып тасталды", ru="Лот удалён", en="Lot removed"),
    "lot": Text(kk="Лот №", ru="Лот №", en="Lot no."),
    "calendar": Text(
        kk="ҮЕҰ-ға мемлекеттік гранттар: өтінім беру мерзімдері",
        ru="Государственные гранты для НПО: сроки подачи заявок",
        en="State grants for NGOs: application deadlines",
    ),
    "closes": Text(
        kk="Өтінім беру мерзімі аяқталады", ru="Завершается приём заявок", en="Applications close"
    ),
    "window": Text(kk="Өтінімдер қабылдау", ru="Приём заявок", en="Applications"),
}
