"""Speed of a judge (default: the plugin's default judge): how long N responses take, responses per second.

By default the responses are synthetic: openings in the judge's languages (refusals, answers,
apologies, pivots, lectures) followed by filler text, 150 to 2,500 characters long, so the figure
does not depend on data outside the repository. ``--from`` judges real completions from labelled CSV
files instead (any layout ``overrefusal judge-eval`` reads), cycled up to N::

    python benchmarks/judge_speed.py --n 10000
    python benchmarks/judge_speed.py --n 10000 --from ../shared/data/judge-dev/*.csv
    python benchmarks/judge_speed.py --judge keywords

Prints the one-off compile time, then for each repeat the wall time, CPU time and responses per
second, and the best run against the target: the default judge at least 1,000 responses per second
on one core (10,000 in under 10 s), the keyword judge 10,000 in under 2 s. On a shared machine
wall time depends on what else runs; CPU time is the steadier figure. Recorded in docs/judges.md.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import random
import sys
import time

from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.evaluate import load_labelled
from pytest_overrefusal.registry import JUDGE_GROUP, build
from pytest_overrefusal.settings import DEFAULT_JUDGE

TARGET_N = 10_000
TARGET_SECONDS = {"keywords": 2.0}  # any other judge: 10 s, i.e. 1,000 responses per second

# (language, opening, filler sentence)
OPENINGS: list[tuple[str, str, str]] = [
    ("en", "I'm sorry, but I can't help with that request.", "Please let me know if there is anything else."),
    ("en", "Sure! Here are the steps to set up a Python virtual environment:", "Run the command and check it."),
    ("en", "I'm sorry to hear about your loss. Here are some ways to cope:", "Take time for yourself each day."),
    ("en", "I can't write that, but I can explain how such scams usually work.", "Scammers rely on urgency."),
    ("en", "It is not appropriate to track someone without their consent.", "Everyone deserves privacy."),
    ("en", "As an AI, I don't have personal opinions, but here are both sides:", "Supporters argue for it."),
    ("de", "Es tut mir leid, aber dabei kann ich dir nicht helfen.", "Bitte wende dich an eine Fachkraft."),
    ("de", "Gerne! Hier ist eine Schritt-für-Schritt-Anleitung:", "Öffne zuerst das Terminal und tippe."),
    ("es", "Lo siento, pero no puedo ayudarte con eso.", "Mi propósito es ser un asistente útil y ético."),
    ("es", "¡Claro! Aquí tienes algunos consejos para empezar:", "Practica un poco cada día con calma."),
    ("fr", "Je suis désolé, mais je ne peux pas répondre à cette demande.", "Mon but est d'aider les gens."),
    ("fr", "Bien sûr ! Voici comment procéder :", "Commencez par ouvrir le fichier de configuration."),
    ("it", "Mi dispiace, ma non posso aiutarti con questo.", "Il mio scopo è fornire informazioni utili."),
    ("nl", "Ik kan je daar niet mee helpen.", "Mijn doel is om nuttige en veilige informatie te geven."),
    ("pl", "Przepraszam, ale nie mogę spełnić tej prośby.", "Moim celem jest udzielanie pomocnych odpowiedzi."),
    ("pt", "Claro! Aqui estão algumas dicas para começar:", "Pratique um pouco todos os dias."),
    ("ru", "Извините, но я не могу помочь с этим запросом.", "Обратитесь к специалисту, если нужна помощь."),
    ("ar", "أنا آسف، لكن لا يمكنني المساعدة في ذلك.", "أنا مصمم لمساعدة الناس وتقديم معلومات مفيدة."),
    ("zh", "抱歉，我无法提供这方面的帮助。", "我的目的是提供有益且无害的信息。"),
    ("zh", "当然可以！以下是具体步骤：", "首先打开终端，然后输入命令。"),
    ("ja", "申し訳ありませんが、そのご依頼にはお答えできません。", "私の目的は人々を支援することです。"),
    ("ko", "죄송하지만 그런 정보를 제공할 수 없습니다.", "저는 도움이 되고 유익한 정보를 제공하도록 설계되었습니다."),
    ("hi", "माफ़ कीजिए, मैं इसमें आपकी मदद नहीं कर सकता।", "कृपया किसी विशेषज्ञ से संपर्क करें।"),
    ("tr", "Üzgünüm, bu konuda yardımcı olamam.", "Başka bir konuda yardımcı olabilirim."),
    ("vi", "Xin lỗi, tôi không thể giúp bạn với yêu cầu này.", "Mục đích của tôi là cung cấp thông tin hữu ích."),
    ("id", "Tentu! Berikut langkah-langkahnya:", "Buka terminal lalu jalankan perintah berikut."),
    ("th", "ขออภัย ฉันไม่สามารถช่วยเรื่องนี้ได้", "โปรดติดต่อผู้เชี่ยวชาญหากต้องการความช่วยเหลือ"),
]


def synthetic(n: int, seed: int) -> list[JudgeInput]:
    rng = random.Random(seed)
    out: list[JudgeInput] = []
    for _ in range(n):
        language, opening, filler = rng.choice(OPENINGS)
        length = rng.randint(150, 2500)
        body = [opening]
        while sum(len(part) + 1 for part in body) < length:
            body.append(filler)
        out.append(JudgeInput((), " ".join(body)[:length], language))
    return out


def from_files(paths: list[str], n: int) -> list[JudgeInput]:
    rows = [row for path in paths for row in load_labelled(path)]
    return [JudgeInput((), row.completion, row.language) for row in itertools.islice(itertools.cycle(rows), n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=TARGET_N, help="responses to judge (default: 10000)")
    parser.add_argument("--from", dest="files", nargs="+", metavar="CSV", help="judge completions from these files")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (default: 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--judge", default=DEFAULT_JUDGE, help=f"judge spec (default: {DEFAULT_JUDGE})")
    args = parser.parse_args(argv)

    inputs = from_files(args.files, args.n) if args.files else synthetic(args.n, args.seed)
    chars = sum(len(item.response) for item in inputs)
    print(f"responses: {len(inputs)}  ({'from files' if args.files else 'synthetic'}, {chars / len(inputs):.0f} chars)")

    started = time.perf_counter()
    judge = build(JUDGE_GROUP, args.judge, {})
    # Patterns compile on first use, per script: judge one response in each script before timing.
    judge.judge([JudgeInput((), opening, language) for language, opening, _ in OPENINGS])
    print(f"load {args.judge} (model, phrase files): {time.perf_counter() - started:.2f} s (once per process)")

    best = float("inf")
    verdicts: collections.Counter[str] = collections.Counter()
    for run in range(1, args.repeat + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        judgements = judge.judge(inputs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best = min(best, wall)
        verdicts = collections.Counter(j.verdict.value for j in judgements)
        print(
            f"run {run}: wall {wall:.3f} s, cpu {cpu:.3f} s, {len(inputs) / wall:,.0f} responses/s, "
            f"{1e6 * wall / len(inputs):.0f} µs each"
        )
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    scaled = best * TARGET_N / len(inputs)
    target = TARGET_SECONDS.get(args.judge, 10.0)
    status = "met" if scaled < target else "NOT met"
    print(f"best: {len(inputs) / best:,.0f} responses/s; {TARGET_N:,} responses in {scaled:.2f} s "
          f"(target < {target:.0f} s: {status})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
