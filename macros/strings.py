"""The site's own words around the data (headings, labels, table captions).

Material's interface strings live in its language partials (ours for kk in
overrides/partials/languages/kk.html); these are the ones our templates use.
Every key has all three languages: tests/test_templates.py checks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from babel import Locale
from babel.numbers import format_decimal, get_group_symbol

from grants.model import Text


def _t(kk: str, ru: str, en: str) -> Text:
    return Text(kk=kk, ru=ru, en=en)


#: Words that change with a number, in every CLDR plural category of each
#: language (Babel's plural rules pick the category): Kazakh keeps the noun
#: singular after a numeral ("5 лот"), Russian has one/few/many ("1 лот",
#: "2 лота", "5 лотов"), English one/other. "{n}" is the number as written.
PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "lots": {
        "kk": {"one": "{n} лот", "other": "{n} лот"},
        "ru": {"one": "{n} лот", "few": "{n} лота", "many": "{n} лотов", "other": "{n} лота"},
        "en": {"one": "{n} lot", "other": "{n} lots"},
    },
    "days": {
        "kk": {"one": "{n} күн", "other": "{n} күн"},
        "ru": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"},
        "en": {"one": "{n} day", "other": "{n} days"},
    },
    "results": {  # the search dialog's count (overrides/assets/javascripts/grant-search.js)
        "kk": {"one": "{n} нәтиже", "other": "{n} нәтиже"},
        "ru": {
            "one": "{n} результат",
            "few": "{n} результата",
            "many": "{n} результатов",
            "other": "{n} результата",
        },
        "en": {"one": "{n} result", "other": "{n} results"},
    },
    "lists": {
        "kk": {"one": "{n} тізім", "other": "{n} тізім"},
        "ru": {"one": "{n} список", "few": "{n} списка", "many": "{n} списков", "other": "{n} списка"},
        "en": {"one": "{n} list", "other": "{n} lists"},
    },
}


def plural(key: str, n: int, lang: str) -> str:
    """``n`` and the word ``key`` in the form the language's CLDR plural rule asks for."""
    forms = PLURALS[key][lang]
    category = Locale.parse(lang).plural_form(n)
    return forms.get(category, forms["other"]).format(n=format_decimal(n, locale=lang))


#: The search dialog's words ({q}: what was typed, {c}: the word searched instead). The script
#: (overrides/assets/javascripts/grant-search.js) is one file for every language; the build
#: writes these into it (``search_script``), so that they are kept here with the others.
SEARCH: dict[str, Text] = {
    "open": _t("Іздеу", "Поиск", "Search"),
    "label": _t("Сайт бойынша іздеу", "Поиск по сайту", "Search the site"),
    "placeholder": _t("Сөз, сома немесе жыл", "Слово, сумма или год", "A word, amount or year"),
    "close": _t("Жабу", "Закрыть", "Close"),
    "searching": _t("Ізделуде…", "Идёт поиск…", "Searching…"),
    "none": _t(
        "«{q}» бойынша ештеңе табылмады", "По запросу «{q}» ничего не найдено", "No results for “{q}”"
    ),
    "more": _t("Тағы көрсету", "Показать ещё", "Show more"),
    "corrected": _t(
        "«{q}» табылмады, «{c}» нәтижелері көрсетілген",
        "По запросу «{q}» ничего не найдено, показаны результаты для «{c}»",
        "No results for “{q}”; showing results for “{c}”",
    ),
    "error": _t(
        "Іздеу жүктелмеді. Бетті жаңартып көріңіз.",
        "Поиск не загрузился. Попробуйте обновить страницу.",
        "Search could not be loaded. Try reloading the page.",
    ),
    "results": _t("Іздеу нәтижелері", "Результаты поиска", "Search results"),
}

#: The line of grant-search.js that the build replaces with the words of every language.
SEARCH_PLACEHOLDER = "var WORDS = {}; // written by the build from macros/strings.py SEARCH"


def search_words(lang: str) -> dict[str, str]:
    """The search dialog's words in ``lang``, its count in each plural category, and the
    language's digit group separator (Babel's; a browser's own number format for Kazakh
    varies: Debian's Chromium writes 5,464 where Kazakh writes 5 464)."""
    words = {key: text.get(lang) for key, text in SEARCH.items()}
    words.update({f"count.{category}": form for category, form in PLURALS["results"][lang].items()})
    words["group"] = get_group_symbol(lang)
    return words


def search_script(source: str, langs: Iterable[str]) -> str:
    """grant-search.js as served: ``source`` with its words line filled in for ``langs``."""
    if SEARCH_PLACEHOLDER not in source:
        raise ValueError(f"grant-search.js has no line {SEARCH_PLACEHOLDER!r} for its words")
    words = json.dumps({lang: search_words(lang) for lang in langs}, ensure_ascii=False, indent=1)
    return source.replace(SEARCH_PLACEHOLDER, f"var WORDS = {words};", 1)


UI: dict[str, Text] = {
    # Lot page
    "lot.label": _t("Лот №", "Лот №", "Lot no."),
    "lot.sector": _t("Грант саласы", "Сфера гранта", "Grant sector"),
    "lot.problem": _t("Мәселенің қысқаша сипаттамасы", "Краткое описание проблемы", "The problem"),
    "lot.funding": _t("Қаржыландыру көлемі", "Объём финансирования", "Funding"),
    "lot.grant": _t("Грант түрі және мерзімі", "Вид гранта и срок", "Grant type and period"),
    "lot.territory": _t("Іске асыру аумағы", "Территория реализации", "Territory"),
    "lot.indicators": _t("Нысаналы индикаторлар", "Целевые индикаторы", "Target indicators"),
    "lot.results": _t("Күтілетін нәтижелер", "Ожидаемые результаты", "Expected results"),
    "lot.per_year": _t("Жыл сайын орындалады.", "Выполняются ежегодно.", "To be achieved every year."),
    "lot.target": _t("Межелі мән", "Целевое значение", "Target"),
    "lot.requirements": _t(
        "Материалдық-техникалық базаға қойылатын талаптар",
        "Требования к материально-технической базе",
        "Material and technical requirements",
    ),
    "lot.requirements.none": _t(
        "Талаптар белгіленбеген: олар тек ұзақ мерзімді гранттарға белгіленеді.",
        "Требования не установлены: они устанавливаются только для долгосрочных грантов.",
        "None set: requirements are set only for long-term grants.",
    ),
    "lot.source": _t("Дереккөз", "Источник", "Source"),
    "lot.source.issuer": _t("Жариялаған орган", "Кем опубликовано", "Published by"),
    "lot.source.document": _t("Құжат файлы", "Файл документа", "Document file"),
    # {lines} is the list of line numbers: Kazakh puts the word after it ("8, 11, 14-жолдар").
    "lot.source.lines": _t("{lines}-жолдар", "строки {lines}", "lines {lines}"),
    "lot.notes": _t("Дереккөз толық емес", "Источник неполон", "The source is incomplete"),
    "lot.notes.intro": _t(
        "Ресми құжаттың мәтінінде бұл лот бойынша мынадай кемшіліктер бар:",
        "В тексте официального документа по этому лоту есть недостатки:",
        "The official document's text has these defects for this lot:",
    ),
    "lot.corrections": _t(
        "Дереккөз емлесінің түзетулері",
        "Исправления орфографии источника",
        "Corrections of the source's spelling",
    ),
    "lot.corrections.intro": _t(
        "Құжат мәтініндегі түсіп қалған әріптер мен анық жаңылыс жазулар түзетілді. Әр түзету (құжатта → сайтта):",
        "Явные пропуски букв и опечатки в тексте документа исправлены. Каждое исправление (в документе → на сайте):",
        "Certain lost letters and typos in the document's text are corrected. Each correction (in the document → on this site):",
    ),
    "lot.all": _t("Барлық лоттар", "Все лоты", "All lots"),
    # Translations
    "translation.site": _t(
        "Ресми мәтін — қазақ тілінде.",
        "Неофициальный перевод. Официальный текст — на казахском языке:",
        "Unofficial translation. The official text is in Kazakh:",
    ),
    "translation.missing": _t("әлі аударылмаған", "ещё не переведено", "not yet translated"),
    "coverage.intro": _t(
        "Деректер мәтіндерінің аудармасы (аудармасы жоқ мәтін қазақша түпнұсқасымен көрсетіледі):",
        "Перевод текстов данных (текст без перевода показан в казахском оригинале):",
        "Translation of the data's texts (a text without a translation is shown in the Kazakh original):",
    ),
    "coverage.ru": _t("Орысша", "На русский", "Into Russian"),
    "coverage.en": _t("Ағылшынша", "На английский", "Into English"),
    "languages.label": _t("Тіл", "Язык", "Language"),
    "translation.original": _t("Қазақша түпнұсқа", "оригинал на казахском", "the Kazakh original"),
    # How to apply
    "apply.title": _t("Өтінім қалай беріледі", "Как подать заявку", "How to apply"),
    "apply.status_now": _t("Лоттың қазіргі мәртебесі", "Текущий статус лота", "The lot's status now"),
    "apply.statuses": _t("Мәртебелер нені білдіреді", "Что означают статусы", "What the statuses mean"),
    "status.planned.means": _t(
        "Лот жоспарда тұр: тізімге енгізілген, бірақ конкурс әлі жарияланбаған. Өтінім әзірге қабылданбайды; конкурс жарияланғанда өтінім беру мерзімі осында көрсетіледі.",
        "Лот запланирован: он включён в перечень, но конкурс ещё не объявлен. Заявки пока не принимаются; когда конкурс объявят, срок подачи заявок появится здесь.",
        "The lot is planned: it is in the published list, but its competition has not been announced yet. Applications are not accepted yet; when the competition is announced, the application deadline appears here.",
    ),
    "status.open.means": _t(
        "Конкурс жарияланды, өтінімдер қабылданып жатыр: мерзімі аяқталғанға дейін өтінім беруге болады.",
        "Конкурс объявлен, идёт приём заявок: подать заявку можно до окончания срока.",
        "The competition is announced and applications are being accepted until the deadline.",
    ),
    "status.evaluation.means": _t(
        "Өтінім қабылдау аяқталды, өтінімдер бағалануда.",
        "Приём заявок завершён, заявки оцениваются.",
        "Applications are closed and being assessed.",
    ),
    "status.awarded.means": _t(
        "Конкурс қорытындыланды: грант алушы анықталды.",
        "Конкурс подведён: грантополучатель определён.",
        "The competition is decided: a recipient has been chosen.",
    ),
    "status.in_progress.means": _t(
        "Грант алушы жобаны іске асырып жатыр.",
        "Грантополучатель реализует проект.",
        "The recipient is carrying out the project.",
    ),
    "status.completed.means": _t(
        "Жоба аяқталды, есептер жарияланды.",
        "Проект завершён, отчёты опубликованы.",
        "The project is finished and its reports are published.",
    ),
    "status.cancelled.means": _t(
        "Лоттың күші жойылды: ол бойынша конкурс өткізілмейді.",
        "Лот отменён: конкурс по нему не проводится.",
        "The lot is cancelled: no competition is held for it.",
    ),
    "apply.announced": _t(
        "Конкурсты жариялайтын және өтінімдерді қабылдайтын орган — лоттар тізімін жариялаған орган:",
        "Конкурс объявляет и заявки принимает орган, опубликовавший перечень лотов:",
        "The competition is announced, and applications received, by the body that published the list of lots:",
    ),
    "apply.announcement": _t(
        "Конкурс туралы хабарландыруда өтінім беру мерзімі, қажетті құжаттар және бағалау өлшемдері көрсетіледі.",
        "В объявлении о конкурсе указываются срок подачи заявок, необходимые документы и критерии оценки.",
        "The competition's announcement gives the deadline, the documents to submit and how applications are assessed.",
    ),
    "apply.rules": _t(
        "Ресми ережелер: «Қазақстан Республикасындағы мемлекеттік әлеуметтік тапсырыс, стратегиялық әріптестікке арналған мемлекеттік тапсырыс, үкіметтік емес ұйымдарға арналған гранттар және сыйлықақылар туралы» Заң және оған сәйкес бекітілген грант беру қағидалары.",
        "Официальные правила: Закон «О государственном социальном заказе, государственном заказе на реализацию стратегического партнерства, грантах и премиях для неправительственных организаций в Республике Казахстан» и принятые в соответствии с ним правила предоставления грантов.",
        "The official rules: the Law “On state social order, state order for the implementation of strategic partnership, grants and awards for non-governmental organizations in the Republic of Kazakhstan” and the grant rules adopted under it.",
    ),
    "apply.source": _t("Жарияланған тізім", "Опубликованный перечень", "The published list"),
    "apply.deadline": _t("Өтінім берудің соңғы күні", "Последний день подачи заявок", "Application deadline"),
    "apply.no_deadline": _t(
        "Өтінім беру мерзімі әлі жарияланбаған.",
        "Срок подачи заявок ещё не объявлен.",
        "No application deadline has been announced yet.",
    ),
    "apply.requirements": _t(
        "Өтінім бермес бұрын лоттың нысаналы индикаторларын, күтілетін нәтижелерін және материалдық-техникалық базаға қойылатын талаптарын тексеріңіз.",
        "Перед подачей заявки проверьте целевые индикаторы, ожидаемые результаты и требования к материально-технической базе лота.",
        "Before applying, check the lot's target indicators, expected results and material and technical requirements.",
    ),
    "report.lot": _t(
        "Осы беттегі қатені хабарлау", "Сообщить об ошибке на этой странице", "Report an error on this page"
    ),
    "home.open": _t("Қазір ашық лоттар", "Открытые сейчас лоты", "Lots open now"),
    "report.about": _t("Қате туралы хабарлау нысаны", "Форма сообщения об ошибке", "The error report form"),
    "sections.label": _t("Бет бөлімдері", "Разделы страницы", "Sections of the page"),
    "home.apply_steps": _t(
        "Лоттың бетінде өтінім қалай берілетіні, мерзімі және талаптары жазылған. Өтінім қабылданып жатқан лоттар:",
        "На странице лота сказано, как подать заявку, срок и требования. Лоты, по которым идёт приём заявок:",
        "Each lot's page tells how to apply, the deadline and the requirements. Lots accepting applications now:",
    ),
    # Lot index
    "index.caption": _t("Барлық лоттар", "Все лоты", "All lots"),
    "filter.legend": _t("Лоттарды сүзу", "Фильтр лотов", "Filter the lots"),
    "filter.sector": _t("Сала", "Сфера", "Sector"),
    "filter.year": _t("Жыл", "Год", "Year"),
    "filter.type": _t("Грант түрі", "Вид гранта", "Grant type"),
    "filter.territory": _t(
        "Аумақ (атауының кез келген бөлігі)",
        "Территория (любая часть названия)",
        "Territory (any part of its name)",
    ),
    "filter.status": _t("Мәртебесі", "Статус", "Status"),
    "filter.failed": _t(
        "Сүзгі деректері жүктелмеді. Бетті жаңартып көріңіз.",
        "Не удалось загрузить данные фильтра. Попробуйте обновить страницу.",
        "The filter data did not load. Try reloading the page.",
    ),
    "index.totals": _t(
        "Көрсетілген лоттардың қаржысы", "Финансирование показанных лотов", "Funding of the lots shown"
    ),
    "index.pages": _t("Лоттар тізімінің беттері", "Страницы списка лотов", "Pages of the list of lots"),
    "index.page_of": _t("{pages} беттің {page}-беті", "Страница {page} из {pages}", "Page {page} of {pages}"),
    "index.previous": _t("← Алдыңғы", "← Предыдущая", "← Previous"),
    "index.next": _t("Келесі →", "Следующая →", "Next →"),
    "index.first": _t("Бірінші бет", "Первая страница", "First page"),
    "list.pages": _t("Тізімнің беттері", "Страницы списка", "Pages of the list"),
    "index.range": _t(
        "{count} лоттың {first}–{last}",
        "Лоты {first}–{last} из {count}",
        "Lots {first}–{last} of {count}",
    ),
    "filter.any": _t("Барлығы", "Все", "All"),
    "filter.reset": _t("Сүзгіні тазалау", "Сбросить фильтр", "Clear filters"),
    "filter.shown": _t("Көрсетілген лоттар:", "Показано лотов:", "Lots shown:"),
    "filter.none": _t(
        "Сүзгіге сәйкес лот жоқ.", "Нет лотов, подходящих под фильтр.", "No lot matches the filters."
    ),
    "col.sector": _t("Сала", "Сфера", "Sector"),
    "col.territory": _t("Аумақ", "Территория", "Territory"),
    "col.type": _t("Грант түрі", "Вид гранта", "Grant type"),
    "col.total": _t("Барлығы", "Итого", "Total"),
    "col.year": _t("Жыл", "Год", "Year"),
    "col.lots": _t("Лоттар", "Лоты", "Lots"),
    "col.amount": _t("Сома", "Сумма", "Amount"),
    "col.declared": _t("Құжатта көрсетілген", "Указано в документе", "Declared in the document"),
    # Totals
    "totals.title": _t("Жиынтықтар", "Итоги", "Totals"),
    "totals.by_year": _t("Жылдар бойынша", "По годам", "By year"),
    "totals.by_sector": _t("Салалар мен жылдар бойынша", "По сферам и годам", "By sector and year"),
    "totals.by_type": _t("Грант түрлері бойынша", "По видам грантов", "By grant type"),
    "totals.by_source": _t("Дереккөздер бойынша", "По источникам", "By source document"),
    "totals.chart.by_year": _t(
        "Жылдар бойынша қаржыландыру",
        "Финансирование по годам",
        "Funding by year",
    ),
    "totals.declared.ok": _t(
        "Лоттардың жиыны құжатта көрсетілген жиынтыққа тең.",
        "Сумма лотов равна итогу, указанному в документе.",
        "The lots add up to the total the document declares.",
    ),
    # Home
    "home.sources": _t("Жарияланған тізімдер", "Опубликованные списки", "Published lists"),
    "sector.lots": _t("Осы саладағы лоттар", "Лоты этой сферы", "Lots in this sector"),
    "sector.totals": _t("Жылдар бойынша қаржыландыру", "Финансирование по годам", "Funding by year"),
    "sector.all": _t("Барлық салалар", "Все сферы", "All sectors"),
    "sector.all_lots": _t(
        "Осы саланың барлық лоттары сүзгімен",
        "Все лоты этой сферы, с фильтром",
        "All lots in this sector, filtered",
    ),
    "home.all_sources": _t(
        "Барлық тізімдер дереккөздер бойынша жиынтықта",
        "Все списки — в итогах по источникам",
        "All lists in the totals by source",
    ),
    # Downloads
    "downloads.files": _t("Файлдар", "Файлы", "Files"),
    "downloads.csv": _t(
        "әр лот — бір жол, жылдар бойынша қаржыландыру бөлек бағандарда; Excel-де ашылады",
        "одна строка на лот, финансирование по годам в отдельных столбцах; открывается в Excel",
        "one row per lot, funding per year in columns; opens in Excel",
    ),
    "downloads.json": _t(
        "барлық деректер барлық тілдерде және есептелген жиынтықтар",
        "все данные на всех языках и вычисленные итоги",
        "all the data in every language, with computed totals",
    ),
    "downloads.schema": _t(
        "деректердің JSON Schema сызбасы: әр өрістің атауы мен сипаттамасы",
        "JSON Schema данных: название и описание каждого поля",
        "the data's JSON Schema: every field's title and description",
    ),
    "downloads.package": _t(
        "CSV файлын сипаттайтын Frictionless Data Package",
        "Frictionless Data Package с описанием CSV",
        "a Frictionless Data Package describing the CSV",
    ),
    "downloads.lots": _t(
        "Әр лот жеке JSON файлында", "Каждый лот отдельным JSON-файлом", "Each lot as a JSON file"
    ),
    "downloads.lots.example": _t("мысалы", "например", "for example"),
    "downloads.lots.where": _t(
        "Әр лоттың бетінде оның файлына сілтеме бар.",
        "На странице каждого лота есть ссылка на его файл.",
        "Each lot's page links to its file.",
    ),
    "downloads.csv_fields": _t("CSV бағандары", "Столбцы CSV", "CSV columns"),
    "downloads.json_fields": _t("JSON өрістері", "Поля JSON", "JSON fields"),
    "downloads.column": _t("Баған", "Столбец", "Column"),
    "downloads.field": _t("Өріс", "Поле", "Field"),
    "downloads.type": _t("Түрі", "Тип", "Type"),
    "downloads.meaning": _t("Мағынасы", "Значение", "Meaning"),
    "downloads.this_lot": _t("Осы лоттың деректері", "Данные этого лота", "This lot's data"),
    "downloads.all": _t("Ашық деректер", "Открытые данные", "Open data"),
    # Changes
    "changes.title": _t("Өзгерістер", "Изменения", "Changes"),
    "changes.intro": _t(
        "Жарияланған деректердің әр өзгерісі: күні, қай лоттар, қай мәліметтер және қай сомалар өзгерді.",
        "Каждое изменение опубликованных данных: дата, какие лоты, сведения и суммы изменились.",
        "Every change to the published data: its date, and which lots, details and totals changed.",
    ),
    "changes.unavailable": _t(
        "Өзгерістер тарихы қолжетімсіз",
        "История изменений недоступна",
        "The history of changes is unavailable",
    ),
    "changes.none": _t("Әзірге өзгеріс жоқ.", "Пока изменений нет.", "No changes yet."),
    "changes.truncated": _t(
        "Тек соңғы өзгерістер көрсетілген.",
        "Показаны только последние изменения.",
        "Only the latest changes are shown.",
    ),
    "changes.added": _t("Қосылған лоттар", "Добавленные лоты", "Lots added"),
    "changes.removed": _t("Алынып тасталған лоттар", "Удалённые лоты", "Lots removed"),
    "changes.changed": _t("Өзгертілген лоттар", "Изменённые лоты", "Lots changed"),
    "changes.more": _t("…және тағы {lots}.", "…и ещё {lots}.", "…and {lots} more."),
    "changes.before": _t("Бұрын", "Было", "Before"),
    "changes.after": _t("Қазір", "Стало", "After"),
    "changes.totals": _t("Жылдар бойынша жиынтық", "Итоги по годам", "Totals per year"),
    "changes.feed": _t("Atom арнасы", "Лента Atom", "Atom feed"),
    "changes.other": _t("Дереккөздер мен салалар", "Источники и сферы", "Sources and sectors"),
    "lot.last_change": _t(
        "Деректер соңғы рет өзгертілген", "Данные последний раз изменены", "Data last changed"
    ),
    # The life of a lot
    "window.dates": _t("Өтінім қабылдау мерзімі", "Срок приёма заявок", "Application window"),
    "window.days_left": _t("Қалған күн", "Осталось дней", "Days left"),
    "window.last_day": _t("Бүгін — соңғы күн", "Сегодня — последний день", "Today is the last day"),
    "window.closed": _t("Өтінім қабылдау аяқталды", "Приём заявок завершён", "Applications closed"),
    "window.not_yet": _t(
        "Өтінім қабылдау әлі басталмаған", "Приём заявок ещё не начался", "Applications not open yet"
    ),
    "window.apply": _t("Өтінімді қайда беруге болады", "Где подать заявку", "Where to apply"),
    "window.as_of": _t(
        "сайт құрастырылған күнгі жағдай бойынша", "по состоянию на дату сборки", "as of the build date"
    ),
    "award.title": _t("Грант берілді", "Грант присуждён", "Award"),
    "award.recipient": _t("Грант алушы", "Грантополучатель", "Recipient"),
    "award.bin": _t("БСН", "БИН", "BIN"),
    "award.amount": _t("Грант сомасы", "Сумма гранта", "Amount awarded"),
    "award.date": _t("Шарт жасалған күн", "Дата договора", "Agreement date"),
    "award.planned": _t("Жоспарланған", "Запланировано", "Planned"),
    "award.awarded": _t("Берілген", "Присуждено", "Awarded"),
    "progress.title": _t("Индикаторлардың орындалуы", "Выполнение индикаторов", "Achievement of indicators"),
    "progress.indicator": _t("Индикатор", "Индикатор", "Indicator"),
    "progress.target": _t("Межелі мән", "Целевое значение", "Target"),
    "progress.achieved": _t("Қол жеткізілді", "Достигнуто", "Achieved"),
    "progress.none": _t("есеп жоқ", "нет отчёта", "not reported"),
    "progress.met": _t("орындалды", "выполнено", "met"),
    "progress.not_met": _t("орындалмады", "не выполнено", "not met"),
    "reports.title": _t("Есептер", "Отчёты", "Reports"),
    "reports.document": _t("Құжат", "Документ", "Document"),
    "open.intro": _t(
        "Өтінім қабылданып жатқан лоттар, мерзімі ең жақыны бірінші. Қалған күндер сайт құрастырылған күн бойынша есептелген:",
        "Лоты, по которым идёт приём заявок, ближайший срок первым. Оставшиеся дни посчитаны на дату сборки сайта:",
        "Lots accepting applications, the nearest deadline first. Days left are counted from the day the site was built:",
    ),
    "open.none": _t(
        "Қазір өтінім қабылданып жатқан лот жоқ.",
        "Сейчас нет лотов, по которым идёт приём заявок.",
        "No lot is accepting applications now.",
    ),
    "open.calendar": _t(
        "Өтінім беру мерзімдерінің күнтізбесі (iCalendar): күнтізбе қолданбасына жазылыңыз",
        "Календарь сроков подачи заявок (iCalendar): подпишитесь в приложении календаря",
        "Calendar of application deadlines (iCalendar): subscribe in your calendar app",
    ),
    "open.title": _t("Қазір ашық лоттар", "Открытые лоты", "Open now"),
    "open.closes": _t("Соңғы күн", "Последний день", "Closes"),
    "totals.awarded": _t(
        "Берілген және жоспарланған қаржы", "Присуждено и запланировано", "Awarded against planned"
    ),
    # The preview of a pull request's lots (macros/preview.py), opened by its reviewer from a folder
    "preview.title": _t("Өзгерістерді алдын ала қарау", "Предпросмотр изменений", "Preview of the changes"),
    "preview.notice.title": _t("Алдын ала қарау", "Предпросмотр", "Preview"),
    "preview.notice": _t(
        "Бұл бет әлі жарияланған жоқ. Өзгеріс ұсынысы (pull request) біріктірілгеннен кейін сайтта осылай көрінеді. "
        "Сайттың басқа беттеріне сілтемелер мұнда жұмыс істемейді.",
        "Эта страница ещё не опубликована. Так она будет выглядеть на сайте после слияния предложения (pull request). "
        "Ссылки на другие страницы сайта здесь не работают.",
        "This page is not published yet: it is how it will look on the site once the pull request is merged. "
        "Links to the site's other pages do not work here.",
    ),
    "preview.intro": _t(
        "Бұл өзгеріс ұсынысы (pull request) қосатын немесе өзгертетін лоттар. Лоттың бетін ашу үшін оның атауын басыңыз: "
        "ол сайтта біріктірілгеннен кейін осылай көрінеді.",
        "Лоты, которые добавляет или меняет это предложение (pull request). Нажмите на название лота, чтобы открыть "
        "его страницу: так она будет выглядеть на сайте после слияния.",
        "The lots this pull request adds or changes. Select a lot's name to open its page as the site will show it "
        "once the pull request is merged.",
    ),
    "preview.index": _t("Барлық өзгерістер", "Все изменения", "All changes"),
    "preview.lot.added": _t("Жаңа лот", "Новый лот", "New lot"),
    "preview.lot.changed": _t("Осы лоттағы өзгерістер", "Изменения в этом лоте", "Changes in this lot"),
    "preview.lot.related": _t(
        "Лоттың тізбесі немесе саласы өзгереді",
        "Меняется перечень или сфера лота",
        "The lot's list or sector changes",
    ),
    "preview.none": _t(
        "Бұл ұсыныс бірде-бір лоттың бетін өзгертпейді.",
        "Это предложение не меняет ни одной страницы лота.",
        "This pull request changes no lot's page.",
    ),
}
