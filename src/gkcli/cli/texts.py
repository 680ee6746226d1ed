"""What the command line says about itself, in both languages (docs/cli.md, "Languages").

The English help stays where each command and option is declared; this module holds the
rest as data: the one-line summary of each command (so ``gkcli --help`` lists them without
importing them), the Chinese of every help text (keyed by the English, as a gettext catalogue
is), the Chinese of the CLI framework's own words, and its usage errors as patterns with
their Chinese. ``tests/test_cli_lang.py`` checks that every help text has its translation.
Imports nothing: it is read before any command is loaded.
"""

from __future__ import annotations

import re

__all__ = ["COMMAND_SUMMARIES", "FRAMEWORK_ZH", "HELP_ZH", "USAGE_ERRORS_ZH", "help_key"]


def help_key(text: str) -> str:
    """``text`` with each paragraph's line breaks and runs of spaces made single spaces: the
    same help reads the same however its source wraps it."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n"))


COMMAND_SUMMARIES: dict[str, tuple[str, str]] = {
    "deadline": ("When an obligation falls due, and on what basis.", "计算期限：某事项何时到期、依据是什么。"),
    "workdays": (
        "Working-day arithmetic: add, count, next, prev, is.",
        "工作日计算：加、数、下一个、上一个、是否工作日。",
    ),
    "cal": ("Month grids of the working-day calendar.", "工作日历（按月显示放假和调休）。"),
    "rules": ("The rule catalogue: list, show.", "期限规则目录：列表、详情。"),
    "ledger": ("Ledgers (台账): check, due, annotate, template.", "台账：检查、到期提醒、标注、模板。"),
    "holidays": (
        "The holiday data in force: import, update, list, status, verify, export.",
        "节假日数据：导入、更新、列表、状态、核对、导出。",
    ),
    "serve": ("Serve the web pages and JSON API for an office intranet.", "为单位内网提供网页和 JSON API。"),
    "completion": ("Shell completion script for bash, zsh or fish.", "生成 bash、zsh 或 fish 的命令补全脚本。"),
}
"""Each command's line in ``gkcli --help``: (English, Chinese)."""


HELP_ZH: dict[str, str] = {
    # -- gkcli ----------------------------------------------------------------------------
    "Deadlines of government information disclosure (政务公开) on the Chinese working-day calendar.\n\n"
    'Exit codes: 0 ok; 1 findings (ledger) or "no" (workdays is); 2 usage, input or configuration error, '
    "or a standard stream that cannot be used; 3 calendar data missing for a year the question needs; "
    "141 the reader of the output went away (broken pipe).": "按中国工作日历计算政务公开的各项期限。\n\n"
    "退出码：0 正常；1 发现问题（台账）或“否”（workdays is）；2 用法、输入或配置错误，或标准输入输出不可用；"
    "3 所需年份缺少日历数据；141 输出的读取方已关闭（管道断开）。",
    "Print the version and exit.": "显示版本号并退出。",
    "Language of messages and labels: zh or en (env GKCLI_LANG, else the locale).": "提示和标签的语言：zh 或 en（环境变量 GKCLI_LANG，否则按系统区域设置）。",
    "Your holiday data directory (env GKCLI_HOLIDAYS_DIR; default: the per-user data directory).": "您的节假日数据目录（环境变量 GKCLI_HOLIDAYS_DIR；默认为用户数据目录）。",
    "Regional calendar overlay, e.g. guangxi (env GKCLI_REGION).": "地方日历（如 guangxi，广西三月三）（环境变量 GKCLI_REGION）。",
    "Count years without an official arrangement with the statutory holidays (and their weekend compensation) only; "
    "results are marked provisional (env GKCLI_PROVISIONAL).": "尚无官方放假安排的年份，仅按法定节日（及其周末补假）推算；结果标为“临时”（环境变量 GKCLI_PROVISIONAL）。",
    # -- shared options -------------------------------------------------------------------
    "Output format: text, json or tsv. Default: GKCLI_FORMAT when it names one of these, else text.": "输出格式：text、json 或 tsv。默认：GKCLI_FORMAT 指定其中之一时用它，否则 text。",
    "A trigger on a rest day: asis (count from the next working day) or next-workday (deemed received then: one more day).": "起算日为休息日时：asis（从下一个工作日开始计算）或 next-workday（视为下一个工作日收到，多计一日）。",
    "Count the trigger day itself as day 1 (the conservative practice).": "将起算日本身计为第1日（保守做法）。",
    "Your rules file (same schema as the built-in catalogue), merged by id (env GKCLI_RULES, project file `rules`).": "您自己的规则文件（格式同内置目录），按 id 合并（环境变量 GKCLI_RULES，项目文件 `rules`）。",
    "2026-09-30, 2026/9/30, 2026.9.30, 2026年9月30日 or 20260930.": "2026-09-30、2026/9/30、2026.9.30、2026年9月30日 或 20260930。",
    # -- deadline -------------------------------------------------------------------------
    "The due date of RULE for a trigger on START, with its weekday, the rule's name and legal basis.\n\n"
    "Exit codes: 0 ok; 2 bad input (in batch mode: after all lines, if any line failed); "
    "3 calendar data missing for a year the question needs.": "规则 RULE 自 START 起算的截止日期，附星期、规则名称和法律依据。\n\n"
    "退出码：0 正常；2 输入有误（批量模式下：处理完所有行后，若有任何一行出错）；3 所需年份缺少日历数据。",
    "Rule id or alias (gkcli rules list), e.g. interpretation, 解读, request-reply, 依申请.": "规则 id 或别名（见 gkcli rules list），如 解读、依申请、interpretation、request-reply。",
    'Trigger date or date-time (2026-09-30, 2026年9月30日, "2026-10-01 22:30"); a year for a rule with a fixed date '
    "(部门年报 2025); - reads one per line from stdin, optionally followed by a tab and an id.": '起算日期或日期时间（2026-09-30、2026年9月30日、"2026-10-01 22:30"）；固定日期的规则可只写年份（部门年报 2025）；'
    "- 表示从标准输入每行读一个，可在制表符后附编号。",
    "Draw the counted period as a calendar and list the basis and options.": "以日历形式画出计算过程，并列出依据和选项。",
    "text, json, jsonl or tsv (default: GKCLI_FORMAT when it names one, else text).": "text、json、jsonl 或 tsv（默认：GKCLI_FORMAT 指定其中之一时用它，否则 text）。",
    "Show the statutory and the conservative (--count-start-day) date side by side.": "同时显示法定日期和保守日期（--count-start-day）。",
    "Working days in this inclusive range are not counted (条例 Art. 33); repeatable.": "此区间（含首尾）内的工作日不计入（《条例》第三十三条）；可重复。",
    "The period counts afresh from DATE (条例 Art. 30, after 补正).": "自 DATE 起重新计算期限（《条例》第三十条，补正后）。",
    "Extension in working days, refused above the rule's maximum.": "延长的工作日数，超过规则允许的上限时拒绝。",
    "Apply this version of the rule (e.g. 2008) instead of the one in force on the trigger date.": "适用规则的此版本（如 2008），而不是起算日有效的版本。",
    "Also write the due dates as all-day reminders to this iCalendar file.": "同时把截止日期作为全天提醒写入此 iCalendar 文件。",
    # -- workdays -------------------------------------------------------------------------
    "Working-day arithmetic: add, count, next, prev, is.": "工作日计算：加（add）、数（count）、下一个（next）、上一个（prev）、是否工作日（is）。",
    "The N-th working day after DATE (DATE itself is never counted; 民法典 Art. 201).": "DATE 之后的第 N 个工作日（DATE 当日不计入；《民法典》第二百零一条）。",
    "Working days to add; negative counts back.": "要加的工作日数；负数表示往前数。",
    "Working days after START up to and including END.": "START 之后至 END（含）的工作日数。",
    "The first working day after START.": "START 之后的第一个工作日。",
    "The last working day before START.": "START 之前的最后一个工作日。",
    "Exit 0 if DATE is a working day (工作日, make-up days included), 1 if it is a rest day.": "DATE 是工作日（含调休上班日）时退出码为 0，休息日为 1。",
    "Print nothing; answer with the exit code only.": "不输出，只用退出码回答。",
    # -- cal ------------------------------------------------------------------------------
    "Month grids of the working-day calendar: holidays (*) with names, make-up working days (+), weekends.": "按月显示工作日历：放假（*，附节日名称）、调休上班（+）、周末。",
    "A year or a month (2026, 2026-10, 2026/10, 2026.10, 2026年, 2026年10月). Default: this month, Beijing time.": "年份或月份（2026、2026-10、2026/10、2026.10、2026年、2026年10月）。默认：本月（北京时间）。",
    # -- rules ----------------------------------------------------------------------------
    "The rule catalogue: list, show.": "期限规则目录：列表（list）、详情（show）。",
    "Every rule, grouped by domain: id, Chinese name and amount (the version in force now).": "所有规则，按领域分组：id、中文名称和期限（现行版本）。",
    "Only the rules of one domain: request, proactive, budget, enforcement, procurement, proposals, remedies, normative, "
    "website, local (or the Chinese label, e.g. 预决算).": "只列一个领域的规则：request、proactive、budget、enforcement、procurement、proposals、remedies、"
    "normative、website、local（或中文名称，如 预决算）。",
    "One rule with every version, its effective dates and legal basis.": "一条规则的所有版本、生效日期和法律依据。",
    "A rule id or alias, e.g. request-reply or 依申请.": "规则 id 或别名，如 依申请 或 request-reply。",
    # -- ledger ---------------------------------------------------------------------------
    "Ledgers (台账): check, due, annotate, template.": "台账：检查（check）、到期提醒（due）、标注（annotate）、模板（template）。",
    "Check ledgers: missed and overdue deadlines, bad dates, unknown rules, duplicate ids.\n\n"
    "Findings go to stdout in the chosen format (and to each --report), the summary to stderr. "
    "The input is never modified.": "检查台账：错过和超期的期限、错误日期、未知规则、重复编号。\n\n"
    "问题按所选格式输出到标准输出（以及每个 --report），汇总输出到标准错误。不会修改输入文件。",
    "Report format: text, json, jsonl, csv, github, gitlab, junit, sarif (env GKCLI_FORMAT, project file; default text).": "报告格式：text、json、jsonl、csv、github、gitlab、junit、sarif（环境变量 GKCLI_FORMAT，项目文件；默认 text）。",
    "Also write a report in FORMAT to PATH (whole, or not at all), or to stdout without =PATH; repeatable: "
    "--report github --report junit=report.xml --report sarif=gkcli.sarif.": "另外按 FORMAT 格式把报告写入 PATH（要么完整写入，要么不写），不带 =PATH 时写到标准输出；可重复："
    "--report github --report junit=report.xml --report sarif=gkcli.sarif。",
    "Report only these finding codes (repeatable; replaces the project file's select).": "只报告这些问题代码（可重复；取代项目文件的 select）。",
    "Do not report these finding codes (repeatable; replaces the project file's ignore). The summary says how many were ignored.": "不报告这些问题代码（可重复；取代项目文件的 ignore）。汇总中会说明忽略了多少。",
    "Check only the FILEs that are ledgers by the project file's `ledgers` globs (default: 台账/*, ledgers/*, and "
    ".csv/.xlsx with 台账 in the path); for hooks given every staged file.": "只检查按项目文件 `ledgers` 通配符属于台账的 FILE（默认：台账/*、ledgers/*，以及路径中含“台账”的 "
    ".csv/.xlsx）；供接收所有暂存文件的钩子使用。",
    "CSV field separator, one character (tab: --delimiter tab). Default: a tab for UTF-16 text "
    '(Excel\'s "Unicode text"), else a comma.': "CSV 字段分隔符，一个字符（制表符：--delimiter tab）。默认：UTF-16 文本（Excel 的“Unicode 文本”）用制表符，否则用逗号。",
    "due-soon when an open row is due within this many working days (env GKCLI_WARN_DAYS, project file; default 3).": "未办结事项在这么多个工作日内到期时标为“即将到期”（环境变量 GKCLI_WARN_DAYS，项目文件；默认 3）。",
    "Ledger files: .csv (UTF-8 or GB18030) or .xlsx; - reads a CSV from stdin.": "台账文件：.csv（UTF-8 或 GB18030）或 .xlsx；- 表示从标准输入读取 CSV。",
    "Write the report to this file (whole, or not at all) instead of stdout.": "把报告写入此文件（要么完整写入，要么不写），而不是标准输出。",
    "The day (or instant) open rows are judged on. Default: now, Beijing time.": "判断未办结事项所依据的日期（或时刻）。默认：当前北京时间。",
    "Exit 1 when a finding at or above this severity is found.": "发现此严重程度及以上的问题时退出码为 1。",
    "Read column CANONICAL (id rule start done extension pauses restart unit) from HEADER; repeatable. "
    "Adds to the project file's [columns].": "从表头 HEADER 读取标准列 CANONICAL（id rule start done extension pauses restart unit）；可重复。"
    "补充项目文件的 [columns]。",
    "Decode CSV with this encoding instead of detecting UTF-8 / GB18030.": "用此编码读取 CSV，而不是自动识别 UTF-8 / GB18030。",
    "The .xlsx sheet to read (default: the first).": "要读取的 .xlsx 工作表（默认：第一个）。",
    "A rules file adding or overriding rules by id (env GKCLI_RULES, project file).": "按 id 增加或覆盖规则的规则文件（环境变量 GKCLI_RULES，项目文件）。",
    "What is due: open rows due within N working days and rows already overdue, soonest first.\n\n"
    "For a daily reminder: run it from cron or a scheduled CI job and mail or post the list.": "到期提醒：N 个工作日内到期的未办结事项和已超期事项，最早到期的在前。\n\n"
    "每日提醒：用 cron 或定时 CI 任务运行，把清单发邮件或发到群里。",
    "List open rows due within N working days (the due day counted; 0: today).": "列出 N 个工作日内到期的未办结事项（含到期日当天；0：今天）。",
    "text, json or csv.": "text、json 或 csv。",
    "Write the list to this file (whole, or not at all) instead of stdout.": "把清单写入此文件（要么完整写入，要么不写），而不是标准输出。",
    "Also write the listed rows as all-day reminders to this iCalendar file.": "同时把所列事项作为全天提醒写入此 iCalendar 文件。",
    "With --ics: each reminder alerts at 09:00, N working days before its due day (0: on the day).": "与 --ics 同用：每个提醒在到期日前 N 个工作日的 09:00 响铃（0：当天）。",
    "Write a copy of the ledger with its due date, status and working days late (截止日期, 状态, 超期工作日).\n\n"
    "The input is never modified; formula-looking cells are neutralised with a leading apostrophe.": "写出台账副本，增加截止日期、状态和超期工作日三列。\n\n"
    "不会修改输入文件；看起来像公式的单元格前加单引号使其失效。",
    "The ledger (.csv or .xlsx; - for a CSV on stdin).": "台账（.csv 或 .xlsx；- 表示从标准输入读取 CSV）。",
    "Write the annotated copy here (.xlsx when the name ends in .xlsx, else CSV UTF-8 with BOM); default stdout (CSV).": "标注后的副本写到这里（文件名以 .xlsx 结尾时为 .xlsx，否则为带 BOM 的 UTF-8 CSV）；默认标准输出（CSV）。",
    "Also write an iCalendar file with a reminder on the due day of every open row.": "同时写出 iCalendar 文件，每个未办结事项在到期日有一个提醒。",
    "Print an empty ledger: the canonical headers and one example row per kind of rule.": "输出空白台账：标准表头，每类规则一行示例。",
    "Write the template here (CSV UTF-8 with BOM) instead of stdout.": "把模板写到这里（带 BOM 的 UTF-8 CSV），而不是标准输出。",
    # -- holidays -------------------------------------------------------------------------
    "The holiday data in force: import a notice, list a year, status, verify, export.": "节假日数据：导入通知、列出某年、状态、核对、导出。",
    "Turn a 放假安排 notice into a holiday data file.\n\n"
    "Amending notices (调整…/延长… and the like) become `YEAR-amend-YYYYMMDD.toml`, applied on top of the year's "
    "arrangement. A notice gkcli cannot fully account for is refused, quoting the line it could not read.": "把放假安排通知转换为节假日数据文件。\n\n"
    "调整、延长等补充通知保存为 `年份-amend-YYYYMMDD.toml`，叠加在当年安排之上。gkcli 不能完整解读的通知会被拒绝，"
    "并引用读不懂的那一行。",
    "The notice: a text file, - for stdin, or the http(s) URL of its web page (e.g. on gov.cn).": "通知：文本文件，- 表示标准输入，或其网页的 http(s) 地址（如 gov.cn 上的）。",
    "Data file to write; - for stdout. Default: the user holidays directory (regions/NAME/ with --region).": "要写入的数据文件；- 表示标准输出。默认：用户节假日目录（有 --region 时为 regions/地区名/）。",
    "Print the data file that would be written; write nothing.": "显示将要写入的数据文件，但不写入。",
    "Replace an existing data file.": "替换已有的数据文件。",
    "The notice sets only some festivals of its year (recorded as partial = true).": "通知只安排了当年的部分节日（记为 partial = true）。",
    "Seconds to wait for a web page (SOURCE given as a URL).": "等待网页的秒数（SOURCE 为网址时）。",
    "Write to the site-wide directory (GKCLI_SITE_HOLIDAYS_DIR) that every user of this machine reads.": "写入本机所有用户共用的目录（GKCLI_SITE_HOLIDAYS_DIR）。",
    "Fetch a year's arrangement from a JSON feed in holiday-cn's format, verify it against the statutory rules, show it, "
    "and write it (with --yes, or after a confirmation on a terminal).": "从 holiday-cn 格式的 JSON 数据源获取某年的安排，按法定规则核对后显示，"
    "并写入（加 --yes，或在终端上确认后）。",
    "The year to fetch (default: the first uncovered year).": "要获取的年份（默认：第一个尚无数据的年份）。",
    "Feed base URL ({base}/YEAR.json) or a URL with {year}; else $GKCLI_HOLIDAYS_FEED, holidays_feed in the project file, "
    "else holiday-cn's published files.": "数据源基础地址（{base}/年份.json）或含 {year} 的地址；否则用 $GKCLI_HOLIDAYS_FEED、"
    "项目文件的 holidays_feed，再否则用 holiday-cn 发布的文件。",
    "Write without asking.": "不询问，直接写入。",
    "Seconds to wait for the feed.": "等待数据源的秒数。",
    "Every holiday period and make-up working day of YEAR, with its source.": "YEAR 年的所有放假时段和调休上班日，附来源。",
    "A year, e.g. 2026.": "年份，如 2026。",
    "Covered years and the source of each; warns from 1 November when next year is missing.": "已有数据的年份及各自来源；11月1日起若缺少下一年的数据会发出警告。",
    "Pretend today (Beijing) is this date; for tests and rehearsals.": "假定今天（北京时间）是这一天；用于测试和演练。",
    "Lint the data in force: schema, make-up days on weekends, statutory days inside the holiday periods, sources; "
    "compare with python-holidays when installed. Exit 1 on problems.": "核对现行数据：格式、调休上班日是否在周末、法定节日是否在放假时段内、来源；"
    "安装了 python-holidays 时与其比对。有问题时退出码为 1。",
    "The working calendar of YEAR for Outlook, WPS or Excel.": "导出 YEAR 年的工作日历，供 Outlook、WPS 或 Excel 使用。",
    "ics: one all-day event per holiday period and make-up day; json / csv: every day of the year.": "ics：每个放假时段和调休上班日一个全天事件；json / csv：全年每一天。",
    "File to write (whole or not at all); default stdout. CSV files get a UTF-8 BOM for Excel/WPS.": "要写入的文件（要么完整写入，要么不写）；默认标准输出。CSV 文件带 UTF-8 BOM，便于 Excel/WPS 打开。",
    # -- serve ----------------------------------------------------------------------------
    "Serve the web pages (期限计算, 台账检查, 节假日) and the JSON API for an office intranet.\n\n"
    "Needs the web extra: pip install 'gkcli[web]'. Exit codes: 2 bad options or the extra missing.": "为单位内网提供网页（期限计算、台账检查、节假日）和 JSON API。\n\n"
    "需要 web 扩展：pip install 'gkcli[web]'。退出码：2 选项有误或缺少扩展。",
    "Address to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 opens it to the network.": "监听地址。默认 127.0.0.1（仅本机）；0.0.0.0 对网络开放。",
    "TCP port (0: any free port).": "TCP 端口（0：任一空闲端口）。",
    "Require `Authorization: Bearer TOKEN` on /api/ (env GKCLI_TOKEN). Set it when --host exposes the server.": "/api/ 要求 `Authorization: Bearer 令牌`（环境变量 GKCLI_TOKEN）。用 --host 对外开放时请设置。",
    "Largest request body (a ledger upload) in MB.": "请求体（上传的台账）的最大大小，单位 MB。",
    # -- completion -----------------------------------------------------------------------
    "Print the completion script for SHELL. Load it in the current shell with "
    '`eval "$(gkcli completion bash)"` (zsh: the same with zsh; fish: `gkcli completion fish | source`), '
    "or add that line to ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish.": "输出 SHELL 的命令补全脚本。在当前 shell 中加载："
    '`eval "$(gkcli completion bash)"`（zsh 同理，改为 zsh；fish：`gkcli completion fish | source`），'
    "或把这一行加入 ~/.bashrc、~/.zshrc 或 ~/.config/fish/config.fish。",
    "bash, zsh or fish.": "bash、zsh 或 fish。",
}
"""The Chinese of each help text, keyed by ``help_key`` of its English."""

HELP_ZH = {help_key(english): chinese for english, chinese in HELP_ZH.items()}


FRAMEWORK_ZH: tuple[tuple[str, str], ...] = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("\nArguments:\n", "\n参数：\n"),
    ("\nOptions:\n", "\n选项：\n"),
    ("\nCommands:\n", "\n命令：\n"),
    ("[default: ", "[默认："),
    ("[required]", "[必填]"),
    ("[env var: ", "[环境变量："),
    ("Show this message and exit.", "显示本帮助并退出。"),
)
"""The CLI framework's own words in help and usage lines, and their Chinese."""


USAGE_ERRORS_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"^Missing argument '(?P<a>[^']*)'\.$", r"缺少参数 '\g<a>'。"),
        (r"(?s)^Missing argument '(?P<a>[^']*)'\. Choose from:(?P<c>.*)$", r"缺少参数 '\g<a>'。可选：\g<c>"),
        (r"^Missing option '(?P<a>[^']*)'(?: / '[^']*')*\.$", r"缺少选项 '\g<a>'。"),
        (r"^Missing parameter: (?P<a>.*)$", r"缺少参数：\g<a>"),
        (
            r"^No such option: (?P<a>\S+) \(Possible options: (?P<b>.*)\)$",
            r"没有这个选项：\g<a>（您是不是要用：\g<b>）",
        ),
        (r"^No such option: (?P<a>\S+)$", r"没有这个选项：\g<a>"),
        (
            r"^No such command '(?P<a>[^']*)'\. Did you mean (?P<b>.*)\?$",
            r"没有这个命令：'\g<a>'。您是不是要输入 \g<b>？",
        ),
        (r"^No such command '(?P<a>[^']*)'\.$", r"没有这个命令：'\g<a>'。"),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((?P<a>.*)\)$", r"多余的参数：\g<a>"),
        (r"^Option '(?P<a>[^']*)' requires an argument\.$", r"选项 '\g<a>' 需要一个值。"),
        (r"^Option '(?P<a>[^']*)' requires (?P<n>\d+) arguments\.$", r"选项 '\g<a>' 需要 \g<n> 个值。"),
        (r"^Option '(?P<a>[^']*)' does not take a value\.$", r"选项 '\g<a>' 不接受值。"),
        (
            r"^Invalid value for (?P<a>.*?): (?P<v>'.*') is not one of (?P<c>.*)\.$",
            r"\g<a> 的值无效：\g<v> 不是以下之一：\g<c>。",
        ),
        (
            r"^Invalid value for (?P<a>.*?): (?P<v>'.*') is not a valid int(?:eger)?\.$",
            r"\g<a> 的值无效：\g<v> 不是整数。",
        ),
        (r"^Invalid value for (?P<a>.*?): (?P<v>'.*') is not a valid float\.$", r"\g<a> 的值无效：\g<v> 不是数字。"),
        (
            r"^Invalid value for (?P<a>.*?): (?P<v>\S+) is not in the range (?P<r>.*)\.$",
            r"\g<a> 的值无效：\g<v> 不在范围 \g<r> 内。",
        ),
        (r"^Invalid value for (?P<a>.*?): (?P<m>.*)$", r"\g<a> 的值无效：\g<m>"),
        (r"^Invalid value: (?P<m>.*)$", r"值无效：\g<m>"),
    )
)
"""The CLI framework's usage errors (English) as patterns, each with its Chinese."""
