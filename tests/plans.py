"""Hypothesis strategies for random *valid* plans (source text), shared by property tests."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ("thi đua khen thưởng giáo viên học sinh trường học phong trào nâng cao chất lượng "
         "đổi mới sáng tạo tổ chức triển khai kế hoạch đơn vị ngành Giáo dục Đào tạo Thủ đô "
         "điển hình tiên tiến người tốt việc tốt dạy học năm học chuyên đề kiểm tra đánh giá").split()

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw, min_words: int = 3, max_words: int = 40) -> str:
    words = draw(st.lists(word, min_size=min_words, max_size=max_words))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 1))
        words[i] = f"**{words[i]}**" if draw(st.booleans()) else f"*{words[i]}*"
        text = " ".join(words)
        text = text[0].upper() + text[1:] if text[0].isalpha() else text
    if draw(st.booleans()):
        text += " năm {năm}"
    return text + draw(st.sampled_from([".", ";", ":", ""]))


@st.composite
def prose(draw, allow_numbered: bool = True) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["-", "+", "", "#."] if allow_numbered else ["-", "+", ""]))
        lines.append((kind + " " if kind else "") + draw(sentence()))
    return lines


@st.composite
def section(draw, level: int = 1) -> list[str]:
    lines = ["#" * level + " " + draw(sentence(2, 8)).rstrip(".;:")]
    lines += draw(prose(allow_numbered=level < 4))
    if level < 4:
        for _ in range(draw(st.integers(0, 2))):
            lines += draw(section(level + 1))
    return lines


SIGNERS = [("Hiệu trưởng", None), ("Phó Hiệu trưởng", "KT. Hiệu trưởng"), ("Chủ tịch", "TM. Ủy ban nhân dân"),
           ("Phó Chủ tịch", "TM. Ủy ban nhân dân, KT. Chủ tịch"), ("Giám đốc", None),
           ("Phó Giám đốc", "KT. Giám đốc"), ("Quyền Trưởng phòng", "Q. Trưởng phòng")]
UNITS = [("pgd", "Phòng GDĐT"), ("truong", "Các trường MN, TH, THCS"), ("hd", "Hội đồng TĐKT Ngành"),
         ("cum", "Cụm thi đua số 9, 10, 11")]
LEADERS = [("tp", "Đ/c Trưởng phòng"), ("pct", "Đ/c Phó Chủ tịch UBND")]


@st.composite
def deadline(draw, year: int) -> str:
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    return draw(st.sampled_from([
        f"tháng {m:02d}/{year}", f"trước ngày {d:02d}/{m:02d}/{year}", f"ngày {d}/{m}/{year}",
        "hàng tháng", "thường xuyên", "không", f"từ 01/{m:02d}/{year} đến 28/{m:02d}/{year}",
    ]))


@st.composite
def task(draw, year: int) -> list[str]:
    lines = ["nhiệm vụ: " + draw(sentence(3, 25)).rstrip(".;:")]
    lines.append("  chủ trì: " + ", ".join(draw(st.lists(st.sampled_from([u for u, _ in UNITS]),
                                                          min_size=1, max_size=2, unique=True))))
    if draw(st.booleans()):
        lines.append("  phối hợp: " + draw(st.sampled_from([u for u, _ in UNITS])))
    lines.append("  hạn: " + draw(deadline(year)))
    if draw(st.booleans()):
        lines.append("  phụ trách: " + draw(st.sampled_from([l for l, _ in LEADERS])))
    return lines


@st.composite
def plan(draw) -> str:
    year = draw(st.integers(2024, 2030))
    lines = [
        "cơ quan chủ quản: " + draw(st.sampled_from(["UBND PHƯỜNG LONG BIÊN", "UBND XÃ SÓC SƠN",
                                                     "SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI"])),
        "cơ quan: " + draw(st.sampled_from(["TRƯỜNG THCS GIA THỤY", "TRƯỜNG TIỂU HỌC ÁI MỘ",
                                            "PHÒNG VĂN HÓA - XÃ HỘI"])),
        "tên cơ quan: Trường THCS Gia Thụy",
        "viết tắt: " + draw(st.sampled_from(["THCSGT", "THAM", "VHXH"])),
        "địa danh: " + draw(st.sampled_from(["Long Biên", "Sóc Sơn", "Hà Nội"])),
        f"năm: {year}",
        "trích yếu: " + draw(sentence(4, 30)).rstrip(".;:"),
        "người ký: Nguyễn Thị Bình",
    ]
    # a signer's position with an authority that fits it (M221) — or none, where none is right
    position, authority = draw(st.sampled_from(SIGNERS))
    lines.append(f"chức vụ: {position}")
    if draw(st.booleans()):
        lines.append(f"số: {draw(st.integers(1, 999))}")
        lines.append(f"ngày: {draw(st.integers(1, 28))}/{draw(st.integers(1, 12))}/{year}")
    if authority:
        lines.append(f"thẩm quyền: {authority}")
    lines += [f"đơn vị {u}: {n}" for u, n in UNITS] + [f"lãnh đạo {l}: {n}" for l, n in LEADERS]
    if draw(st.booleans()):
        lines += ["căn cứ:", f"- Kế hoạch số 12/KH-SGDĐT ngày 19/12/{year - 1} của Sở GDĐT Hà Nội về "
                             "công tác thi đua, khen thưởng năm {năm}"]
    lines += draw(prose(allow_numbered=False))
    if draw(st.booleans()):
        lines += ["mục đích:"] + draw(prose(allow_numbered=False))
        lines += ["yêu cầu:"] + draw(prose(allow_numbered=False))
    for _ in range(draw(st.integers(1, 3))):
        lines += draw(section(1))
    if draw(st.booleans()):
        lines += ["tổ chức thực hiện:", "## @pgd"] + draw(prose(allow_numbered=False))
    if draw(st.booleans()):
        lines.append("kết thúc: Trên đây là Kế hoạch công tác thi đua, khen thưởng năm {năm}")
    lines += ["nơi nhận:", "- Phòng GDĐT", "- Lưu: VT"]
    for _ in range(draw(st.integers(0, 2))):
        cols = draw(st.sampled_from(["tt, nội dung, đơn vị, thời hạn",
                                     "tt, nội dung, chủ trì, phối hợp, thời hạn, phụ trách"]))
        lines += ["phụ lục: " + draw(sentence(3, 12)).rstrip(".;:"), f"cột: {cols}"]
        if draw(st.booleans()):
            lines.append("kiểu: theo tháng")
            for m in sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=3))):
                lines.append(f"tháng: {m:02d}/{year}")
                for _ in range(draw(st.integers(1, 2))):
                    t = draw(task(year))
                    lines += [l for l in t if not l.startswith("  hạn:")]
        else:
            for _ in range(draw(st.integers(1, 5))):
                lines += draw(task(year))
    return "\n".join(lines) + "\n"
