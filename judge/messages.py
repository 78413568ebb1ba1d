"""Every text a learner reads, in English and Chinese, in one table; `say` fills one in.

A Python table rather than YAML files: it is data in one place all the same, but it imports in
microseconds with no parser or package-data plumbing, and each key holds both languages side by side
so that a missing or stale translation shows in review (tests check keys and placeholders).
A value is a text, or a pair (singular, plural) chosen by the count `n`.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from judge.checker import Comparison, Difference, forward_matched

LANGUAGES: Final = ("en", "zh")

Text = str | tuple[str, str]

_TABLE: dict[str, dict[str, Text]] = {
    # verdicts: the name and what it means
    "verdict.AC": {"en": "Accepted", "zh": "通过"},
    "verdict.WA": {"en": "Wrong Answer", "zh": "答案错误"},
    "verdict.RTE": {"en": "Run-Time Error", "zh": "运行时错误"},
    "verdict.TLE": {"en": "Time Limit Exceeded", "zh": "超出时间限制"},
    "verdict.MLE": {"en": "Memory Limit Exceeded", "zh": "超出内存限制"},
    "verdict.OLE": {"en": "Output Limit Exceeded", "zh": "超出输出限制"},
    "verdict.CE": {"en": "Compile Error", "zh": "编译错误"},
    "verdict.IE": {"en": "Internal Error", "zh": "评测机内部错误"},
    "meaning.AC": {"en": "every case printed the expected values", "zh": "所有用例都输出了期望的值"},
    "meaning.WA": {"en": "a case printed other values", "zh": "有用例输出的值与期望不同"},
    "meaning.RTE": {
        "en": "the program raised an exception or exited non-zero",
        "zh": "程序抛出异常或以非零状态退出",
    },
    "meaning.TLE": {"en": "the program ran past the time limit", "zh": "程序运行超过了时间限制"},
    "meaning.MLE": {"en": "the program used more memory than allowed", "zh": "程序使用的内存超过了限制"},
    "meaning.OLE": {"en": "the program printed too much", "zh": "程序输出过多"},
    "meaning.CE": {"en": "the file does not compile", "zh": "文件无法编译"},
    "meaning.IE": {"en": "the judge failed, not your program", "zh": "评测机自身出错，不是你的程序的问题"},
    # tables and panels
    "head.id": {"en": "id", "zh": "编号"},
    "head.title": {"en": "title", "zh": "标题"},
    "head.difficulty": {"en": "difficulty", "zh": "难度"},
    "head.tags": {"en": "tags", "zh": "标签"},
    "head.case": {"en": "case", "zh": "用例"},
    "head.verdict": {"en": "verdict", "zh": "结果"},
    "head.time": {"en": "time", "zh": "时间"},
    "head.memory": {"en": "memory", "zh": "内存"},
    "head.message": {"en": "message", "zh": "说明"},
    "difficulty.easy": {"en": "easy", "zh": "简单"},
    "difficulty.medium": {"en": "medium", "zh": "中等"},
    "difficulty.hard": {"en": "hard", "zh": "困难"},
    "list.summary": {
        "en": ("{n} problem · {solved} solved", "{n} problems · {solved} solved"),
        "zh": "共 {n} 题 · 已解决 {solved}",
    },
    # judge doctor's details.
    "doctor.detail.python": {
        "en": "{version} at {path}",
        "zh": "{version}，位于 {path}",
    },
    "doctor.detail.numpy_missing": {
        "en": "not installed: pip install numpy",
        "zh": "未安装：pip install numpy",
    },
    "doctor.detail.torch": {
        "en": "{version} (solutions that import torch are preloaded)",
        "zh": "{version}（导入 torch 的解答在预先导入了 torch 的进程中运行）",
    },
    "doctor.detail.torch_missing": {
        "en": "not installed (optional: pip install torch==2.13.0, then 'dl-judge[torch]')",
        "zh": "未安装（可选：先 pip install torch==2.13.0，再安装 'dl-judge[torch]'）",
    },
    "doctor.detail.missing": {
        "en": "needs bubblewrap: {reason}",
        "zh": "需要 bubblewrap：{reason}",
    },
    "doctor.detail.interpreter": {
        "en": "python -I, scrubbed environment, single-threaded BLAS",
        "zh": "python -I，清理过的环境变量，单线程 BLAS",
    },
    "doctor.detail.folder": {
        "en": "an empty working folder per case, also HOME and TMPDIR",
        "zh": "每个用例一个空的工作目录，HOME 和 TMPDIR 也是如此",
    },
    "doctor.detail.limits": {
        "en": "CPU time of the whole process tree, wall clock (3× CPU), memory (peak, and the tree's proportional size), 16 MB of stdout, 128 MB per file written, 256 descriptors, no core files",
        "zh": "整个进程树的 CPU 时间、墙钟时间（CPU 限制的 3 倍）、内存（峰值，以及进程树按比例计的内存）、16 MB 标准输出、每个写入的文件 128 MB、256 个文件描述符、不生成 core 文件",
    },
    "doctor.detail.seccomp": {
        "en": "no new namespaces, ptrace, keyrings, BPF, perf, io_uring, mounts, memfd or System V shared memory in a case",
        "zh": "用例中不能创建新的命名空间，也不能使用 ptrace、密钥环、BPF、perf、io_uring、挂载、memfd 或 System V 共享内存",
    },
    "doctor.detail.capabilities": {
        "en": "every case drops all capabilities and sets no_new_privs",
        "zh": "每个用例都丢弃全部 capabilities，并设置 no_new_privs",
    },
    "doctor.detail.tree": {
        "en": "each case is PID 1 of its own PID namespace where the kernel allows one (else: every process below the worker is killed until none is left)",
        "zh": "内核允许时，每个用例都是其独立 PID 命名空间中的 1 号进程（否则反复结束 worker 之下的所有进程，直到一个不剩）",
    },
    "doctor.detail.processes": {
        "en": "256 processes or threads per case",
        "zh": "每个用例最多 256 个进程或线程",
    },
    "doctor.detail.processes_root": {
        "en": "not enforced: the kernel exempts root from RLIMIT_NPROC (run as another user, or use bubblewrap)",
        "zh": "未生效：内核对 root 不执行 RLIMIT_NPROC（请换一个用户运行，或使用 bubblewrap）",
    },
    "doctor.detail.untouchable": {
        "en": "the judge, the zygote, the worker and the next case's child are not dumpable, and outside each case's PID namespace: no signals, ptrace or /proc/PID/mem on them",
        "zh": "判题进程、zygote、worker 和下一个用例的子进程都不可转储，并且位于每个用例的 PID 命名空间之外：用例无法向它们发信号、ptrace 或访问 /proc/PID/mem",
    },
    "doctor.detail.uid_per_case": {
        "en": "a uid of its own per case, never host root",
        "zh": "每个用例使用独立的 uid，绝不是宿主机的 root",
    },
    "doctor.detail.uid_user_namespace": {
        "en": "your own uid, in a user namespace",
        "zh": "你自己的 uid，位于用户命名空间中",
    },
    "doctor.detail.uid_own": {
        "en": "your own uid",
        "zh": "你自己的 uid",
    },
    "doctor.detail.uid_root": {
        "en": "cases run as root: needs bubblewrap",
        "zh": "用例以 root 身份运行：需要 bubblewrap",
    },
    "doctor.detail.network": {
        "en": "own network namespace",
        "zh": "独立的网络命名空间",
    },
    "doctor.detail.scratch": {
        "en": "a fresh /tmp and /dev/shm (64 MB each) per submission; the rest is read-only",
        "zh": "每次提交都有全新的 /tmp 和 /dev/shm（各 64 MB）；其余部分只读",
    },
    "doctor.detail.hidden": {
        "en": "read-only system; only the interpreter, its libraries and a tmpfs are visible; every path to the judge's package and bank is masked",
        "zh": "只读的系统；只能看到解释器、它的库和一个 tmpfs；通往判题程序包和题库的每条路径都被遮蔽",
    },
    "colon": {"en": ": ", "zh": "："},
    # Chapters: the tag itself in English (what `--tag` takes), a name and the tag in Chinese.
    "chapter.activations": {"en": "activations", "zh": "激活函数（activations）"},
    "chapter.losses": {"en": "losses", "zh": "损失函数（losses）"},
    "chapter.optimizers": {"en": "optimizers", "zh": "优化器（optimizers）"},
    "chapter.regularization": {"en": "regularization", "zh": "正则化（regularization）"},
    "chapter.cnn": {"en": "cnn", "zh": "卷积网络（cnn）"},
    "chapter.rnn": {"en": "rnn", "zh": "循环网络（rnn）"},
    "chapter.transformer": {"en": "transformer", "zh": "Transformer（transformer）"},
    "chapter.normalization": {"en": "normalization", "zh": "归一化（normalization）"},
    "chapter.generative": {"en": "generative", "zh": "生成模型（generative）"},
    "chapter.probabilistic": {"en": "probabilistic", "zh": "概率模型（probabilistic）"},
    "chapter.llm": {"en": "llm", "zh": "大模型（llm）"},
    "chapter.backprop": {"en": "backprop", "zh": "反向传播（backprop）"},
    "chapter.ml": {"en": "ml", "zh": "经典机器学习（ml）"},
    "chapter.torch": {"en": "torch", "zh": "PyTorch（torch）"},
    "input": {"en": "Input", "zh": "输入"},
    "output": {"en": "Output", "zh": "输出"},
    "sample": {"en": "Sample", "zh": "样例"},
    "show.answer": {"en": "Your answer", "zh": "作答方式"},
    "show.answer_modes": {
        "en": "a whole program that reads the input and prints the output (`judge new {id}`), or only the "
        "definition: write `{signature}` and the judge's harness reads the input, calls it and prints "
        "(`judge new {id} --mode function`).",
        "zh": "写一个完整程序，读取输入并打印输出（`judge new {id}`）；或者只写定义：写出 `{signature}`，"
        "由判题的输入输出框架读取输入、调用它并打印（`judge new {id} --mode function`）。",
    },
    "sample_mark": {"en": "(sample)", "zh": "（样例）"},
    "limits": {"en": "limits", "zh": "限制"},
    "expected": {"en": "Expected output", "zh": "期望输出"},
    "actual": {"en": "Your output", "zh": "你的输出"},
    "reference": {"en": "Reference output", "zh": "参考输出"},
    "first_failure": {"en": "First failing case", "zh": "第一个未通过的用例"},
    "traceback": {"en": "Your traceback", "zh": "你的代码的调用栈"},
    "stderr": {"en": "Your stderr (last lines)", "zh": "你的 stderr（最后几行）"},
    "diagnosis": {"en": "Diagnosis", "zh": "诊断"},
    "not_run": {"en": "not run (--fail-fast)", "zh": "未运行（--fail-fast）"},
    "skipped_tle": {
        "en": "skipped after the first TLE (--all runs them)",
        "zh": "已跳过：前面的用例超时（--all 全部运行）",
    },
    "running": {"en": "running case {k} of {n} · {s} s", "zh": "正在运行第 {k} 个用例（共 {n} 个）· {s} 秒"},
    "interrupted": {
        "en": "interrupted after {k} of {n} cases",
        "zh": "已中断：运行了 {k}/{n} 个用例",
    },
    "cases": {"en": ("{n} case", "{n} cases"), "zh": "{n} 个用例"},
    "empty_output": {"en": "(empty)", "zh": "（空）"},
    "more_chars": {"en": "… ({n} more characters)", "zh": "……（还有 {n} 个字符）"},
    # hints
    "hint.title": {"en": "Hint {i} of {n}", "zh": "提示 {i}/{n}"},
    "hint.more": {
        "en": "more hints: judge hint {id} --level {n}",
        "zh": "更多提示：judge hint {id} --level {n}",
    },
    "hint.last": {
        "en": "that was the last hint; the samples in `judge show {id}` may help",
        "zh": "这是最后一条提示；`judge show {id}` 中的样例也许有帮助",
    },
    # a run's summary and next step
    "summary.passed": {
        "en": ("{passed}/{n} case passed", "{passed}/{n} cases passed"),
        "zh": "通过 {passed}/{n} 个用例",
    },
    "summary.skipped": {"en": "{n} not run", "zh": "{n} 个未运行"},
    "summary.max_time": {"en": "{time} max", "zh": "最长 {time}"},
    "summary.peak_memory": {"en": "{memory} peak", "zh": "峰值 {memory}"},
    "next.ac": {
        "en": "Accepted. Next: `judge list` for another problem.",
        "zh": "通过！下一步：`judge list` 选下一题。",
    },
    "next.fail": {
        "en": "Next: `judge hint {id}` for a hint, or fix and run again.",
        "zh": "下一步：`judge hint {id}` 查看提示，或修改后再运行。",
    },
    "next.watch_fail": {
        "en": "Next: press h for a hint, or fix and save.",
        "zh": "下一步：按 h 查看提示，或修改后保存。",
    },
    "next.watch_ac": {
        "en": "Accepted. Next: q to quit, then `judge list` for another problem.",
        "zh": "通过！下一步：按 q 退出，再用 `judge list` 选下一题。",
    },
    # why a run failed before its output was compared
    "fail.cpu_time": {
        "en": "CPU time {cpu} s, over the {limit} s limit",
        "zh": "CPU 时间 {cpu} 秒，超过 {limit} 秒的限制",
    },
    "fail.wall_time": {
        "en": "wall time {wall} s, over the {limit} s limit",
        "zh": "实际运行时间 {wall} 秒，超过 {limit} 秒的限制",
    },
    "fail.wall_time_idle": {
        "en": "wall time {wall} s, over the {limit} s limit; only {cpu} s of it on the CPU (sleeping or blocked?)",
        "zh": "实际运行时间 {wall} 秒，超过 {limit} 秒的限制；其中只有 {cpu} 秒在用 CPU（在休眠或阻塞吗？）",
    },
    "fail.memory": {
        "en": "memory over the {limit} MB limit (peak {peak} MB)",
        "zh": "内存超过 {limit} MB 的限制（峰值 {peak} MB）",
    },
    "fail.memory_error": {
        "en": "an allocation far over the {limit} MB limit was refused (MemoryError)",
        "zh": "一次远超 {limit} MB 限制的内存分配被拒绝（MemoryError）",
    },
    "fail.output": {"en": "printed more than the output limit", "zh": "输出超过了输出限制"},
    "fail.forged": {
        "en": "the program wrote to descriptor 3, where the judge reads a crash's report",
        "zh": "程序写入了文件描述符 3，评测机在那里读取崩溃报告",
    },
    "fail.worker_died": {
        "en": "the program killed the process that ran it (did it signal its parent?)",
        "zh": "程序杀死了运行它的进程（是否向父进程发送了信号？）",
    },
    "fail.signal": {"en": "killed by {signal}", "zh": "被信号 {signal} 终止"},
    "fail.exit": {"en": "exit code {code}", "zh": "退出码 {code}"},
    "fail.harness": {
        "en": "{error} (raised by the problem's harness on what `{entry}` returned: return what the "
        "statement's output section describes)",
        "zh": "{error}（题目的测试框架处理 `{entry}` 的返回值时出错：请按题目“输出”一节的要求返回）",
    },
    "fail.exit_tail": {"en": "exit code {code}: {tail}", "zh": "退出码 {code}：{tail}"},
    # the first difference between the expected output and the learner's
    "diff.empty": {
        "en": ("expected {n} {noun}, got an empty output", "expected {n} {noun}s, got an empty output"),
        "zh": "期望 {n} 个{noun}，但输出为空",
    },
    "diff.count": {
        "en": ("expected {n} {noun}, got {got}", "expected {n} {noun}s, got {got}"),
        "zh": "期望 {n} 个{noun}，实际 {got} 个",
    },
    "diff.count_shapes": {"en": "expected {expected}, got {got}", "zh": "期望 {expected}，实际 {got}"},
    "diff.counted": {"en": ("{n} {noun}", "{n} {noun}s"), "zh": "{n} 个{noun}"},
    "diff.shape_of": {"en": "shape {shape} ({counted})", "zh": "形状 {shape}（{counted}）"},
    "diff.shape_only": {"en": "{shape} ({counted})", "zh": "{shape}（{counted}）"},
    "diff.shape": {"en": "expected shape {expected}, got {got}", "zh": "期望形状 {expected}，实际 {got}"},
    "diff.brackets": {
        "en": "brackets differ {place}: expected {expected}, got {got}",
        "zh": "括号不一致（{place}）：期望{expected}，实际是{got}",
    },
    "diff.brackets_expected_shape": {"en": " (expected shape {shape})", "zh": "（期望形状 {shape}）"},
    "diff.brackets_your_shape": {"en": " (your shape is {shape})", "zh": "（你的形状是 {shape}）"},
    "diff.after_last": {"en": "after the last value", "zh": "在最后一个值之后"},
    "diff.at": {"en": "at value {k}, line {line}", "zh": "第 {k} 个值，第 {line} 行"},
    "diff.at_label": {
        "en": "at value {k} in {label}, line {line}",
        "zh": "{label} 中的第 {k} 个值，第 {line} 行",
    },
    "diff.where": {"en": "value {k}, line {line}", "zh": "第 {k} 个值（第 {line} 行）"},
    "diff.where_label": {
        "en": "value {k} in {label}, line {line}",
        "zh": "{label} 中的第 {k} 个值（第 {line} 行）",
    },
    "diff.backward": {
        "en": "; your forward output ({forward}) matches, so the backward pass is what differs: {label} "
        "disagrees with finite differences of your forward",
        "zh": "；你的前向输出（{forward}）是对的，错在反向传播：{label} 与对前向做有限差分得到的梯度不一致",
    },
    "diff.word": {
        "en": "{where}: expected {expected!r}, got {got!r}",
        "zh": "{where}：期望 {expected!r}，实际 {got!r}",
    },
    "diff.bool": {
        "en": "{where}: expected {expected}, got {got}",
        "zh": "{where}：期望 {expected}，实际 {got}",
    },
    "diff.nan": {
        "en": "{where}: expected {expected}, got {got} (nan is never accepted)",
        "zh": "{where}：期望 {expected}，实际 {got}（nan 永远不被接受）",
    },
    "diff.inf": {
        "en": "{where}: expected {expected}, got {got} (inf matches only the same signed inf)",
        "zh": "{where}：期望 {expected}，实际 {got}（inf 只与同号的 inf 相等）",
    },
    "diff.value": {
        "en": "{where}: expected {expected}, got {got} (absolute error {error} > {allowed})",
        "zh": "{where}：期望 {expected}，实际 {got}（绝对误差 {error} > {allowed}）",
    },
    "diff.rel_tol": {"en": "{abs} or rel_tol {rel}", "zh": "{abs} 或 rel_tol {rel}"},
    "diff.rounded": {
        "en": (
            "; it looks rounded to {n} decimal: print at least {needed}",
            "; it looks rounded to {n} decimals: print at least {needed}",
        ),
        "zh": "；看起来只保留了 {n} 位小数：请至少输出 {needed} 位",
    },
    "diff.too_deep": {
        "en": "{whose} has brackets nested deeper than {limit}",
        "zh": "{whose}的括号嵌套超过 {limit} 层",
    },
    "diff.too_many": {"en": "{whose} has more than {limit} values", "zh": "{whose}的值超过 {limit} 个"},
    "diff.too_many_marks": {
        "en": "{whose} has more than {limit} brackets and names",
        "zh": "{whose}的括号和名字超过 {limit} 个",
    },
    "diff.output": {"en": "output", "zh": "输出"},
    "diff.expected_output": {"en": "expected output", "zh": "期望输出"},
    "diff.nesting.[": {"en": "an opening bracket", "zh": "左括号"},
    "diff.nesting.]": {"en": "a closing bracket", "zh": "右括号"},
    "diff.nesting.}": {"en": "a closing bracket that closes nothing", "zh": "多余的右括号"},
    "diff.nesting.value": {"en": "a value", "zh": "一个值"},
    "diff.nesting.end": {"en": "the end", "zh": "结尾"},
    "noun.number": {"en": "number", "zh": "数"},
    "noun.value": {"en": "value", "zh": "值"},
    "diff.debug_output": {
        "en": "; line {line} of your output holds words ({word!r}) where numbers are expected: print debug output to stderr (print(..., file=sys.stderr))",
        "zh": "；你的输出第 {line} 行在应为数字的位置含有文字（{word!r}）：调试信息请输出到 stderr（print(..., file=sys.stderr)）",
    },
    "diff.differs": {"en": "the output differs from the expected one", "zh": "输出与期望不同"},
    # run --input
    "custom.reference_failed": {
        "en": "the reference fails on this input: is it in the stated input format?",
        "zh": "参考解在这个输入上失败了：输入格式对吗？",
    },
    "custom.same": {"en": "same as the reference (within the tolerance)", "zh": "与参考输出一致（在容差内）"},
    # watch
    "watch.waiting": {"en": "waiting for {file} to exist…", "zh": "等待 {file} 被创建……"},
    "watch.footer": {
        "en": "watching {file} · save to re-run · h: next hint · r: re-run · q or Ctrl-C: quit",
        "zh": "正在监视 {file} · 保存即重新运行 · h：下一条提示 · r：重新运行 · q 或 Ctrl-C：退出",
    },
    "watch.stopped": {"en": "stopped watching", "zh": "已停止监视"},
    # new
    "new.wrote": {
        "en": "wrote {file}; run it with: judge run {id} {file}",
        "zh": "已写入 {file}；运行：judge run {id} {file}",
    },
    # stats
    "stats.head": {
        "en": "{solved}/{total} solved · {attempted} attempted · {runs} runs",
        "zh": "已解决 {solved}/{total} · 尝试中 {attempted} · 共运行 {runs} 次",
    },
    "stats.chapter": {"en": "chapter / difficulty", "zh": "章节 / 难度"},
    "stats.solved": {"en": "solved", "zh": "已解决"},
    "stats.first_try": {"en": "solved on the first try", "zh": "一次通过"},
    "stats.recent": {"en": "recent attempts", "zh": "最近的尝试"},
    # doctor
    "doctor.partial": {
        "en": "isolation is partial: {reason}. Install bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces to run solutions in a sandbox; `judge grade` refuses to run without it unless given --sandbox none.",
        "zh": "隔离不完整：{reason}。请安装 bubblewrap（apt-get install bubblewrap）并允许非特权用户命名空间，以便在沙箱中运行程序；没有它时 `judge grade` 拒绝运行，除非指定 --sandbox none。",
    },
    "doctor.numpy_missing": {"en": "not installed: pip install numpy", "zh": "未安装：pip install numpy"},
    "doctor.python_at": {"en": "{version} at {path}", "zh": "{version}，位于 {path}"},
    "doctor.needs_bwrap": {"en": "needs bubblewrap: {reason}", "zh": "需要 bubblewrap：{reason}"},
    # doctor: what each protection is called
    "doctor.python": {"en": "python", "zh": "Python"},
    "doctor.numpy": {"en": "numpy", "zh": "numpy"},
    "doctor.torch": {"en": "torch", "zh": "torch"},
    "doctor.isolated interpreter": {"en": "isolated interpreter", "zh": "隔离的解释器"},
    "doctor.fresh working folder": {"en": "fresh working folder", "zh": "全新的工作目录"},
    "doctor.limits": {"en": "limits", "zh": "资源限制"},
    "doctor.seccomp filter": {"en": "seccomp filter", "zh": "seccomp 过滤"},
    "doctor.no capabilities": {"en": "no capabilities", "zh": "无特权能力"},
    "doctor.process tree ends with the case": {
        "en": "process tree ends with the case",
        "zh": "进程树随用例结束",
    },
    "doctor.process count": {"en": "process count", "zh": "进程数"},
    "doctor.judge processes untouchable": {"en": "judge processes untouchable", "zh": "评测进程不可触及"},
    "doctor.bubblewrap": {"en": "bubblewrap", "zh": "bubblewrap"},
    "doctor.unprivileged cases": {"en": "unprivileged cases", "zh": "非特权用例"},
    "doctor.no network": {"en": "no network", "zh": "无网络"},
    "doctor.nothing reaches the next submission": {
        "en": "nothing reaches the next submission",
        "zh": "不影响下一份提交",
    },
    "doctor.answers hidden": {"en": "answers hidden", "zh": "答案不可见"},
    # errors a learner meets
    "error": {"en": "error: {message}", "zh": "错误：{message}"},
    "error.not_found": {
        "en": "problem '{id}' not found (did you mean '{close}'?)",
        "zh": "找不到题目 '{id}'（你是想找 '{close}' 吗？）",
    },
    "error.not_found_list": {
        "en": "problem '{id}' not found (run `judge list` to see all)",
        "zh": "找不到题目 '{id}'（运行 `judge list` 查看全部）",
    },
    "error.id_from_name": {
        "en": "problem '{id}' (from the file name {file}) not found; name it: judge run ID {file}",
        "zh": "找不到题目 '{id}'（由文件名 {file} 得出）；请指定题目：judge run ID {file}",
    },
    "error.which_file": {
        "en": "which file? `judge run {id} FILE` runs FILE on problem {id}; `judge new {id}` writes a starter",
        "zh": "要运行哪个文件？`judge run {id} FILE` 在题目 {id} 上运行 FILE；`judge new {id}` 会写出初始代码",
    },
    "error.no_solution": {
        "en": "solution file {file} does not exist; create it with `judge new {id} {file}`",
        "zh": "程序文件 {file} 不存在；用 `judge new {id} {file}` 创建它",
    },
    "error.solution_folder": {
        "en": "{file} is a folder; pass the solution's .py file",
        "zh": "{file} 是一个文件夹；请给出程序的 .py 文件",
    },
    "error.unreadable": {"en": "cannot read {file}: {why}", "zh": "无法读取 {file}：{why}"},
    "error.exists": {
        "en": "{file} already exists; pass --force to overwrite it, or choose another FILE",
        "zh": "{file} 已存在；加 --force 覆盖它，或换一个文件名",
    },
    "error.is_folder": {
        "en": "{file} is a folder; give a file name",
        "zh": "{file} 是一个文件夹；请给出文件名",
    },
    "error.cannot_write": {"en": "cannot write {file}: {why}", "zh": "无法写入 {file}：{why}"},
    "error.difficulty": {
        "en": "--difficulty {value!r} is not one of easy, medium, hard",
        "zh": "--difficulty {value!r} 不是 easy、medium、hard 之一",
    },
    "error.tag": {
        "en": "--tag {value!r} is not a tag of any problem; the chapters are: {chapters}",
        "zh": "--tag {value!r} 不是任何题目的标签；章节有：{chapters}",
    },
    "error.input_both": {
        "en": "give --input or --input-file, not both",
        "zh": "请只给出 --input 或 --input-file 之一",
    },
    "error.input_file": {
        "en": "cannot read --input-file {file}: {why}",
        "zh": "无法读取 --input-file {file}：{why}",
    },
    # concept cards (judge cards) and due problems
    "cards.no_folder": {
        "en": "--cards {folder} is not a folder; give the folder holding the deck's .yaml files",
        "zh": "--cards {folder} 不是文件夹；请给出存放卡片 .yaml 文件的文件夹",
    },
    "cards.empty_folder": {
        "en": "{folder} holds no .yaml deck file; write one (see the README, section Concept cards)",
        "zh": "{folder} 中没有 .yaml 卡片文件；请先写一个（见 README 的“概念卡片”一节）",
    },
    "cards.duplicate": {
        "en": "{file}: card id '{id}' is also in {other}; card ids are unique across a deck",
        "zh": "{file}：卡片编号 '{id}' 在 {other} 中也有；同一套卡片中编号不能重复",
    },
    "cards.unknown_tag": {
        "en": "--tag {tag!r} is not a chapter of this deck; its chapters are: {chapters}",
        "zh": "--tag {tag!r} 不是这套卡片的章节；已有章节：{chapters}",
    },
    "cards.position": {
        "en": "card {i} · {left} left · {chapter} · {source}",
        "zh": "第 {i} 张 · 剩余 {left} 张 · {chapter} · {source}",
    },
    "cards.question": {"en": "Question", "zh": "问题"},
    "cards.answer": {"en": "Answer", "zh": "答案"},
    "cards.show_key": {
        "en": "press any key to see the answer · q quits",
        "zh": "按任意键查看答案 · q 退出",
    },
    "cards.show_line": {
        "en": "press Enter to see the answer · q quits",
        "zh": "按回车查看答案 · q 退出",
    },
    "cards.rate": {
        "en": "how well did you know it? 1 again · 2 hard · 3 good · 4 easy · q quits",
        "zh": "你答得怎么样？1 忘记 · 2 困难 · 3 良好 · 4 简单 · q 退出",
    },
    "cards.nothing_due": {
        "en": "no card is due; come back tomorrow, or take more new cards with --new N",
        "zh": "现在没有到期的卡片；明天再来，或用 --new N 多学几张新卡片",
    },
    "cards.done": {
        "en": (
            "{n} card reviewed · {due} due · {new} new left",
            "{n} cards reviewed · {due} due · {new} new left",
        ),
        "zh": "本次复习 {n} 张 · 到期 {due} 张 · 剩余新卡片 {new} 张",
    },
    "cards.stats.title": {"en": "Concept cards", "zh": "概念卡片"},
    "cards.stats.total": {"en": "cards", "zh": "卡片总数"},
    "cards.stats.due": {"en": "due today", "zh": "今天到期"},
    "cards.stats.new": {"en": "never reviewed", "zh": "尚未学习"},
    "cards.stats.reviewed": {"en": "reviewed today", "zh": "今天已复习"},
    "cards.stats.retention": {"en": "retention", "zh": "记忆保持率"},
    "cards.stats.streak": {"en": "streak", "zh": "连续天数"},
    "cards.stats.days": {"en": ("{n} day", "{n} days"), "zh": "{n} 天"},
    # the timed mock interview (judge mock)
    "mock.none_left": {
        "en": "every problem of this selection is solved; widen --tag/--difficulty for a mock",
        "zh": "所选范围内的题目都已解决；放宽 --tag/--difficulty 再开始模拟面试",
    },
    "mock.database": {
        "en": "a mock needs the progress database: {why}",
        "zh": "模拟面试需要进度数据库：{why}",
    },
    "mock.running": {
        "en": "a mock is already running: judge mock --resume continues it, judge mock end ends it",
        "zh": "已有一场模拟面试在进行：judge mock --resume 继续，judge mock end 结束",
    },
    "mock.no_session": {
        "en": "no mock is running; start one with judge mock",
        "zh": "当前没有进行中的模拟面试；用 judge mock 开始一场",
    },
    "mock.not_in_mock": {
        "en": "problem '{id}' is not in this mock (its problems: {ids}); name the file after one of them",
        "zh": "题目 '{id}' 不在本场模拟面试中（本场题目：{ids}）；请用其中一题的名字命名文件",
    },
    "mock.title": {
        "en": (
            "Mock interview · {n} problem · {minutes} min · seed {seed}",
            "Mock interview · {n} problems · {minutes} min · seed {seed}",
        ),
        "zh": "模拟面试 · {n} 道题 · {minutes} 分钟 · 种子 {seed}",
    },
    "mock.hidden": {
        "en": ("and {n} hidden case", "and {n} hidden cases"),
        "zh": "另有 {n} 个隐藏用例",
    },
    "mock.how": {
        "en": "{left} left · submit with `judge mock submit FILE` in another terminal, or type FILE and Enter here · q ends the mock · Ctrl-C or Ctrl-D pauses it",
        "zh": "剩余 {left} · 在另一个终端用 `judge mock submit FILE` 提交，或在这里输入 FILE 后回车 · q 结束 · Ctrl-C 或 Ctrl-D 暂停",
    },
    "mock.graded": {
        "en": "{id}: {verdict} · {passed}/{total} cases · {left} left (no hints or diagnosis until the end)",
        "zh": "{id}：{verdict} · 通过 {passed}/{total} 个用例 · 剩余 {left}（结束前不提供提示和诊断）",
    },
    "mock.paused": {
        "en": "mock paused; the clock keeps running: judge mock --resume",
        "zh": "模拟面试已暂停，计时仍在继续：judge mock --resume",
    },
    "mock.report": {
        "en": "Mock report · {solved}/{n} accepted · {minutes} min",
        "zh": "模拟面试报告 · 通过 {solved}/{n} · {minutes} 分钟",
    },
    "mock.head.problem": {"en": "problem", "zh": "题目"},
    "mock.head.first_ac": {"en": "first AC", "zh": "首次通过"},
    "mock.head.attempts": {"en": "attempts", "zh": "提交次数"},
    "mock.not_submitted": {"en": "not submitted", "zh": "未提交"},
    "mock.held_back": {"en": "{id}: what was held back", "zh": "{id}：之前未显示的诊断与提示"},
    "mock.history": {"en": "Mock interviews", "zh": "模拟面试记录"},
    "mock.history_row": {
        "en": "{date} · {solved}/{n} accepted · {minutes} min",
        "zh": "{date} · 通过 {solved}/{n} · {minutes} 分钟",
    },
    "mock.open": {"en": "(running)", "zh": "（进行中）"},
    "list.due": {
        "en": (
            "{n} solved problem is due again: judge list --due",
            "{n} solved problems are due again: judge list --due",
        ),
        "zh": "有 {n} 道已解决的题目到了复习时间：judge list --due",
    },
}

MESSAGES: Final[Mapping[str, Mapping[str, Text]]] = MappingProxyType(
    {key: MappingProxyType(texts) for key, texts in _TABLE.items()}
)


def language_of(chosen: str | None, environ: Mapping[str, str]) -> str:
    """The language asked for: `chosen`, else JUDGE_LANG, else a zh_* locale (LC_ALL, LC_MESSAGES,
    LANG, the first one set), else en."""
    if chosen in LANGUAGES:
        return chosen
    picked = environ.get("JUDGE_LANG", "").strip().lower()
    if picked in LANGUAGES:
        return picked
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def say(lang: str, key: str, /, **values: object) -> str:
    """The text of `key` in `lang` (en when lang is not a supported one), with `values` filled in."""
    text = MESSAGES[key]["zh" if lang == "zh" else "en"]
    if isinstance(text, tuple):
        count = values.get("n", 2)
        text = text[0] if count == 1 else text[1]
    return text.format(**values)


def placeholders(text: Text) -> set[str]:
    """The names a text (both forms of a pair) fills in."""
    forms = text if isinstance(text, tuple) else (text,)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def _counted(lang: str, n: int, noun: str) -> str:
    return say(lang, "diff.counted", n=n, noun=say(lang, f"noun.{noun}"))


def describe_difference(comparison: Comparison, lang: str, advice: bool = True) -> str:
    """The checker's first difference in `lang`, from its structured fields (in English, the same
    text as `comparison.message`); with `advice` (not in a table row), what to do: print more decimals
    when the output looks rounded, print debug output to stderr where words stand in for numbers."""
    text = _difference(comparison, lang)
    if text is None:
        return comparison.message
    c = comparison
    rounded = c.kind is Difference.VALUE and c.rounded_to is not None and c.decimals is not None
    if advice and rounded and c.error is not None and not math.isnan(c.error):
        text += say(lang, "diff.rounded", n=c.rounded_to, needed=c.decimals)
    word = comparison.got if comparison.line is not None and comparison.got is not None else None
    debug_print = comparison.kind is Difference.COUNT or _is_number(comparison.expected)
    if advice and word is not None and _is_word(word) and debug_print:
        text += say(lang, "diff.debug_output", line=comparison.line, word=word)
    return text


def _is_number(text: str | None) -> bool:
    try:
        float(text or "")
    except ValueError:
        return False
    return True


def _is_word(text: str) -> bool:
    return not _is_number(text) and text.lower() not in ("true", "false")


def _difference(c: Comparison, lang: str) -> str | None:
    kind, noun = c.kind, c.noun or "value"
    if kind is Difference.EMPTY and c.expected_count is not None:
        return say(lang, "diff.empty", n=c.expected_count, noun=say(lang, f"noun.{noun}"))
    if kind is Difference.COUNT and c.expected_count is not None and c.got_count is not None:
        if c.expected_shape is None and c.got_shape is None:
            return say(
                lang, "diff.count", n=c.expected_count, noun=say(lang, f"noun.{noun}"), got=c.got_count
            )
        expected = _counted(lang, c.expected_count, noun)
        if c.expected_shape is not None:
            expected = say(lang, "diff.shape_of", shape=c.expected_shape, counted=expected)
        got = _counted(lang, c.got_count, noun)
        if c.got_shape is not None:
            which = "diff.shape_only" if c.expected_shape is not None else "diff.shape_of"
            got = say(lang, which, shape=c.got_shape, counted=got)
        return say(lang, "diff.count_shapes", expected=expected, got=got)
    if kind is Difference.SHAPE and c.expected is not None and c.got is not None:
        if c.expected_shape is not None and c.got_shape is not None:
            return say(lang, "diff.shape", expected=c.expected_shape, got=c.got_shape)
        if c.index is not None and c.label is not None:
            place = say(lang, "diff.at_label", k=c.index + 1, label=c.label, line=c.line)
        elif c.index is not None:
            place = say(lang, "diff.at", k=c.index + 1, line=c.line)
        else:
            place = say(lang, "diff.after_last")
        text = say(
            lang,
            "diff.brackets",
            place=place,
            expected=say(lang, f"diff.nesting.{c.expected}"),
            got=say(lang, f"diff.nesting.{c.got}"),
        )
        if c.expected_shape is not None and "×" in c.expected_shape:
            text += say(lang, "diff.brackets_expected_shape", shape=c.expected_shape)
        elif c.got_shape is not None and "×" in c.got_shape:
            text += say(lang, "diff.brackets_your_shape", shape=c.got_shape)
        return text + _backward(c, lang)
    if kind in _OVERFLOW and c.side is not None and c.limit is not None:
        whose = say(lang, "diff.output" if c.side == "actual" else "diff.expected_output")
        return say(lang, _OVERFLOW[kind], whose=whose, limit=c.limit)
    if c.index is None or c.expected is None or c.got is None:
        return None
    if c.label is not None:
        where = say(lang, "diff.where_label", k=c.index + 1, label=c.label, line=c.line)
    else:
        where = say(lang, "diff.where", k=c.index + 1, line=c.line)
    values = {"where": where, "expected": c.expected, "got": c.got}
    if kind in (Difference.WORD, Difference.BOOL, Difference.NAN, Difference.INF):
        return say(lang, f"diff.{kind.value}", **values) + _backward(c, lang)
    if kind is Difference.VALUE and c.error is not None and c.tolerance is not None:
        allowed = f"abs_tol {c.tolerance:g}"
        if c.rel_tol:
            allowed = say(lang, "diff.rel_tol", abs=allowed, rel=f"{c.rel_tol:g}")
        return say(lang, "diff.value", error=f"{c.error:.3g}", allowed=allowed, **values) + _backward(c, lang)
    return None


def _backward(c: Comparison, lang: str) -> str:
    """For outputs that print a forward value then gradients: when a gradient is the first difference
    and the forward lines before it matched, say the backward pass is what differs."""
    forward = forward_matched(c)
    if not forward or c.label is None:
        return ""
    return say(lang, "diff.backward", forward=", ".join(forward), label=c.label)


_OVERFLOW = {
    Difference.TOO_DEEP: "diff.too_deep",
    Difference.TOO_MANY: "diff.too_many",
    Difference.TOO_MANY_MARKS: "diff.too_many_marks",
}
