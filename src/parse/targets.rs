//! Measurable targets in a task's text (新增2家, 300个以上, 突破1700家, 控制在1.122亿立方米以内 …).
//!
//! Hand-written matching over chars (no regex crate: it would cost hundreds of KB of wasm). A figure
//! is an Arabic number (ASCII or full-width digits, optional decimals, optional range 3-5 / 3—5 / 3~5
//! / 3至5) followed by a unit, or a bare ratio after a word such as 容积率. Years, dates, document
//! numbers, rankings (500强), specifications (110千伏, 12英寸), quoted names (“5个1”), qualifiers
//! (50亿元以上的…, 30万千瓦以下煤电机组) and things that already exist (发挥…16家链主企业…作用) are
//! skipped. Chinese-numeral counts (两个, 三大机制) are not read: they are rarely targets in these
//! documents and reading them would mostly find names (三横七纵, 四个不摘).

use crate::document::{Comparator, Target};

/// Units a count or amount can carry; the longest match wins (个百分点 over 个).
const BASE_UNITS: [&str; 71] = [
    "个百分点",
    "百分点",
    "%",
    "\u{ff05}",
    "‰",
    "微克/立方米",
    "微克",
    "立方米",
    "平方公里",
    "平方米",
    "公里",
    "千米",
    "米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "瓦",
    "吨标准煤",
    "吨",
    "千克",
    "公斤",
    "亩",
    "公顷",
    "美元",
    "元",
    "人次",
    "人",
    "名",
    "位",
    "户",
    "家",
    "个工作日",
    "工作日",
    "个",
    "项",
    "处",
    "条",
    "场次",
    "场",
    "件",
    "所",
    "座",
    "套",
    "台",
    "辆",
    "艘",
    "栋",
    "间",
    "张",
    "床",
    "只",
    "头",
    "株",
    "棵",
    "批",
    "次",
    "篇",
    "部",
    "本",
    "册",
    "支",
    "队",
    "期",
    "个月",
    "天",
    "小时",
    "分钟",
    "倍",
    "种",
    "类",
    "宗",
];

/// Magnitude prefixes written before a unit (万人, 亿元, 万个).
const MAGNITUDES: [char; 4] = ['万', '亿', '千', '百'];

/// What follows a figure that is not a target: dates, document numbers, rankings, specifications.
const NOT_UNITS: [&str; 22] = [
    "年", "月", "日", "号", "时", "强", "届", "岁", "周", "季度", "级", "层", "楼", "版", "代",
    "星", "千伏", "伏", "英寸", "寸", "纳米", "兆赫",
];

/// Words before a figure that make it a policy parameter (最高50万元奖励).
const POLICY_LIMITS: [&str; 4] = ["最高", "最多", "最低", "每"];

/// Words after a figure, in the same part, that make it a support amount (给予100万元奖励).
const SUPPORT_WORDS: [&str; 5] = ["奖励", "补贴", "补助", "资助", "奖补"];

/// Units of amount (money, energy, size): with 以上/以下 and a noun after them, they qualify the noun.
const MEASURE_MARKS: [&str; 7] = ["元", "瓦", "米", "吨", "亩", "公顷", "克"];

/// Units of a share: 90%的企业 counts the share of the noun, it does not qualify it.
const SHARE_UNITS: [&str; 5] = ["%", "\u{ff05}", "‰", "个百分点", "百分点"];

/// Words right after a figure that set its comparator.
const SUFFIXES: [(&str, Comparator); 9] = [
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    // 5个工作日内办结
    ("内", Comparator::AtMost),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
];

/// Words right before a figure that set its comparator (and are highlighted with it).
/// Longer words come first so the highlight covers the whole word (下降至 before 降至).
const PREFIXES: [(&str, Comparator); 30] = [
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不超", Comparator::AtMost),
    ("控制在", Comparator::AtMost),
    // Reducing to a figure caps it: 失业率降至3%.
    ("下降至", Comparator::AtMost),
    ("下降到", Comparator::AtMost),
    ("压减至", Comparator::AtMost),
    ("压缩至", Comparator::AtMost),
    ("压缩到", Comparator::AtMost),
    ("压降至", Comparator::AtMost),
    ("减少至", Comparator::AtMost),
    ("减少到", Comparator::AtMost),
    ("降至", Comparator::AtMost),
    ("降到", Comparator::AtMost),
    ("减至", Comparator::AtMost),
    ("突破", Comparator::Exceed),
    ("超过", Comparator::Exceed),
    ("超", Comparator::Exceed),
    ("达到", Comparator::Reach),
    ("提高至", Comparator::Reach),
    ("提高到", Comparator::Reach),
    ("提升至", Comparator::Reach),
    ("提升到", Comparator::Reach),
    ("增至", Comparator::Reach),
    ("增加到", Comparator::Reach),
    ("达", Comparator::Reach),
    ("保持", Comparator::Reach),
];

/// Comparator words that reach over the rest of the clause: 至少吸引200项…、20项…、1000名….
const CLAUSE_PREFIXES: [(&str, Comparator); 4] = [
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("控制在", Comparator::AtMost),
];

/// Words that make a unitless figure a ratio target (容积率1.5以上).
const RATIO_WORDS: [&str; 5] = ["率", "比", "系数", "指数", "倍"];

const RANGE_SEPARATORS: [char; 8] = ['-', '—', '–', '~', '～', '－', '至', '到'];

/// Sentence-part boundaries: a list joined by 、 stays in one part.
fn is_part_mark(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{ff0c}'
            | '。'
            | ';'
            | '\u{ff1b}'
            | '!'
            | '\u{ff01}'
            | '?'
            | '\u{ff1f}'
            | ':'
            | '\u{ff1a}'
            | '\n'
            | '\r'
    )
}

/// Clause boundaries for a target's `text`: part boundaries and 、.
fn is_clause_mark(c: char) -> bool {
    c == '、' || is_part_mark(c)
}

/// How far a clause may reach around a figure, in chars: keeps unpunctuated input linear.
const CLAUSE_REACH: usize = 200;

/// Char indices of boundary marks, sorted, for O(log n) clause lookups.
struct Marks(Vec<usize>);

impl Marks {
    fn new(chars: &[(usize, char)], is_mark: fn(char) -> bool) -> Self {
        Marks(
            chars
                .iter()
                .enumerate()
                .filter(|(_, (_, c))| is_mark(*c))
                .map(|(index, _)| index)
                .collect(),
        )
    }

    /// Index just after the last mark before `index`, but at most `CLAUSE_REACH` back.
    fn start_before(&self, index: usize) -> usize {
        let before = self.0.partition_point(|&mark| mark < index);
        let after_mark = before
            .checked_sub(1)
            .and_then(|i| self.0.get(i))
            .map_or(0, |&mark| mark + 1);
        after_mark.max(index.saturating_sub(CLAUSE_REACH))
    }

    /// First mark at or after `index` (or `len`), but at most `CLAUSE_REACH` ahead.
    fn end_from(&self, index: usize, len: usize) -> usize {
        let at = self.0.partition_point(|&mark| mark < index);
        let mark = self.0.get(at).copied().unwrap_or(len);
        mark.min(index.saturating_add(CLAUSE_REACH)).min(len)
    }
}

struct Chars<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    quoted: Vec<bool>,
    clauses: Marks,
    parts: Marks,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let quoted = quote_mask(&chars);
        let clauses = Marks::new(&chars, is_clause_mark);
        let parts = Marks::new(&chars, is_part_mark);
        Chars {
            text,
            chars,
            quoted,
            clauses,
            parts,
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn at(&self, index: usize) -> Option<char> {
        self.chars.get(index).map(|&(_, c)| c)
    }

    fn byte(&self, index: usize) -> usize {
        self.chars
            .get(index)
            .map_or(self.text.len(), |&(byte, _)| byte)
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text
            .get(self.byte(from)..self.byte(to))
            .unwrap_or_default()
    }

    /// True when `word` starts at char `index`; returns its length in chars.
    fn word_at(&self, index: usize, word: &str) -> Option<usize> {
        let rest = self.text.as_bytes().get(self.byte(index)..)?;
        // The first char's bytes decide most tries without a call to compare the rest (the lists
        // of units and words are tried at every figure; a Chinese char's first byte is shared by
        // thousands of chars, so the first byte alone decides little).
        (same_head(rest, word.as_bytes()) && rest.starts_with(word.as_bytes()))
            .then(|| word.chars().count())
    }

    /// True when `word` ends just before char `index`; returns its length in chars.
    fn word_before(&self, index: usize, word: &str) -> Option<usize> {
        let before = self.text.as_bytes().get(..self.byte(index))?;
        (same_tail(before, word.as_bytes()) && before.ends_with(word.as_bytes()))
            .then(|| word.chars().count())
    }

    fn is_digit(&self, index: usize) -> bool {
        self.at(index).is_some_and(is_digit)
    }
}

/// Whether `text` starts with the first (up to) three bytes of `word`, compared inline.
#[inline(always)]
fn same_head(text: &[u8], word: &[u8]) -> bool {
    let n = word.len().min(3);
    text.len() >= word.len() && (0..n).all(|i| text[i] == word[i])
}

/// Whether `text` ends with the last (up to) three bytes of `word`, compared inline.
#[inline(always)]
fn same_tail(text: &[u8], word: &[u8]) -> bool {
    let n = word.len().min(3);
    text.len() >= word.len() && (1..=n).all(|i| text[text.len() - i] == word[word.len() - i])
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Which chars lie inside quotes, title marks or document-number brackets: names, not targets.
fn quote_mask(chars: &[(usize, char)]) -> Vec<bool> {
    const PAIRS: [(char, char); 7] = [
        ('“', '”'),
        ('‘', '’'),
        ('《', '》'),
        ('「', '」'),
        ('『', '』'),
        ('〔', '〕'),
        ('"', '"'),
    ];
    // A quote left open does not mask the rest of the task: look for its close within a sentence's reach.
    const REACH: usize = 120;
    let mut mask = vec![false; chars.len()];
    let mut index = 0;
    while index < chars.len() {
        let open = chars[index].1;
        if let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == open) {
            let limit = (index + REACH).min(chars.len());
            if let Some(end) = (index + 1..limit).find(|&i| chars[i].1 == close) {
                for flag in &mut mask[index..=end] {
                    *flag = true;
                }
                index = end + 1;
                continue;
            }
        }
        index += 1;
    }
    mask
}

/// Read a number at `index`: (value, index after it).
fn read_number(chars: &Chars, index: usize) -> Option<(f64, usize)> {
    let mut end = index;
    let mut ascii = String::new();
    while let Some(c) = chars.at(end).filter(|c| is_digit(*c)) {
        ascii.push(to_ascii_digit(c));
        end += 1;
    }
    if end == index {
        return None;
    }
    if chars.at(end).is_some_and(|c| c == '.' || c == '．') && chars.is_digit(end + 1) {
        ascii.push('.');
        end += 1;
        while let Some(c) = chars.at(end).filter(|c| is_digit(*c)) {
            ascii.push(to_ascii_digit(c));
            end += 1;
        }
    }
    let value: f64 = ascii.parse().ok()?;
    value.is_finite().then_some((value, end))
}

fn to_ascii_digit(c: char) -> char {
    if c.is_ascii_digit() {
        c
    } else {
        char::from_digit(c as u32 - '０' as u32, 10).unwrap_or('0')
    }
}

/// The unit at `index`: (unit as written without 余/多, index after it, whether 余/多 was written).
fn read_unit(chars: &Chars, index: usize) -> Option<(String, usize, bool)> {
    let magnitude = chars.at(index).filter(|c| MAGNITUDES.contains(c));
    let starts = [(None, index), (magnitude, index + 1)];
    for (magnitude, at) in starts {
        if at == index + 1 && magnitude.is_none() {
            continue;
        }
        let (more, at) = match chars.at(at) {
            Some('余') | Some('多') => (true, at + 1),
            _ => (false, at),
        };
        // The text from `at`, looked up once for all 71 units.
        let rest = chars
            .text
            .as_bytes()
            .get(chars.byte(at)..)
            .unwrap_or_default();
        let base = BASE_UNITS
            .iter()
            .filter(|unit| same_head(rest, unit.as_bytes()) && rest.starts_with(unit.as_bytes()))
            .max_by_key(|unit| unit.len());
        if let Some(base) = base {
            let mut unit = magnitude.map(String::from).unwrap_or_default();
            unit.push_str(base);
            return Some((unit, at + base.chars().count(), more));
        }
    }
    None
}

/// Every measurable target in `text`, in order.
pub(crate) fn extract(text: &str) -> Vec<Target> {
    // Half the tasks of a typical list have no figure at all: skip the char tables for them.
    if !text.chars().any(is_digit) {
        return Vec::new();
    }
    let chars = Chars::new(text);
    let mut targets = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if !chars.is_digit(index) {
            index += 1;
            continue;
        }
        let (target, next) = figure(&chars, index);
        targets.extend(target);
        index = next.max(index + 1);
    }
    targets
}

/// `市级以上` / `省级及以上` right after a count, before its noun (新增2家市级以上重点实验室): every
/// laboratory of that level or higher counts, so the count is a floor. The figure is read as
/// `at_least`, matching the JSON contract for the seed's task 1.
fn level_and_above(chars: &Chars, index: usize) -> bool {
    // The level is one to three chars: 市, 省, 区, 国家, 省部 …
    (1..=3).any(|level_len| {
        (index..index + level_len).all(|i| chars.at(i).is_some_and(is_han))
            && chars.at(index + level_len) == Some('级')
            && ["以上", "及以上"].iter().any(|word| {
                chars
                    .word_at(index + level_len + 1, word)
                    .is_some_and(|len| chars.at(index + level_len + 1 + len).is_some_and(is_han))
            })
    })
}

/// Read the figure starting at `start`: the target (if it is one) and where scanning resumes.
fn figure(chars: &Chars, start: usize) -> (Option<Target>, usize) {
    let Some((value, mut end)) = read_number(chars, start) else {
        // Too many digits for an f64: skip the whole run rather than re-reading it from each digit.
        let run_end = (start..chars.len())
            .find(|&i| !chars.is_digit(i))
            .unwrap_or(chars.len());
        return (None, run_end);
    };
    let mut value_max = None;
    if let Some(separator) = chars.at(end).filter(|c| RANGE_SEPARATORS.contains(c)) {
        if let Some((upper, after)) = read_number(chars, end + 1) {
            // 0532-87868535 and other hyphenated codes read as a falling "range": not a figure.
            if upper <= value || separator == '-' && chars.at(start) == Some('0') {
                return (None, after);
            }
            value_max = Some(upper);
            end = after;
        }
    }
    let previous = start.checked_sub(1).and_then(|i| chars.at(i));
    let next = chars.at(end);
    let glued =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || "+/.．:-_#×*".contains(c));
    if chars.quoted.get(start).copied().unwrap_or(false)
        || glued(previous)
        || glued(next)
        // 第3批, 前10位: ordinals and rankings.
        || previous == Some('第')
        || previous == Some('前')
        // 每1000人配备…: a rate's denominator. 最高50万元奖励: a policy's ceiling, not a result.
        || previous == Some('每')
        || POLICY_LIMITS.iter().any(|word| chars.word_before(start, word).is_some())
        || NOT_UNITS
            .iter()
            .any(|word| chars.word_at(end, word).is_some())
    {
        return (None, end);
    }

    let (unit, unit_end, more) = match read_unit(chars, end) {
        Some((unit, unit_end, more)) => (Some(unit), unit_end, more),
        None => (None, end, false),
    };
    let suffix = SUFFIXES.iter().find_map(|&(word, comparator)| {
        chars
            .word_at(unit_end, word)
            .map(|len| (word, comparator, len))
    });
    let figure_end = unit_end + suffix.map_or(0, |(_, _, len)| len);
    let prefix = PREFIXES.iter().find_map(|&(word, comparator)| {
        chars.word_before(start, word).map(|len| (comparator, len))
    });

    let after = chars.at(figure_end);
    // 投资50亿元以上的…企业 qualifies the noun; a share (90%的企业) is still the target.
    let share = unit
        .as_deref()
        .is_some_and(|unit| SHARE_UNITS.contains(&unit));
    if after == Some('的') && !share {
        return (None, figure_end);
    }
    if let Some((word, _, _)) = suffix {
        let amount = unit
            .as_deref()
            .is_some_and(|unit| MEASURE_MARKS.iter().any(|mark| unit.contains(mark)));
        let noun_follows = after.is_some_and(is_han);
        if noun_follows && (amount || word.ends_with("以下")) {
            return (None, figure_end);
        }
    }

    let part_start = chars.parts.start_before(start);
    let part_end = chars.parts.end_from(figure_end, chars.len());
    let before_in_part = chars.slice(part_start, start);
    let after_in_part = chars.slice(figure_end, part_end);
    if before_in_part.contains("发挥") && after_in_part.contains("作用") {
        return (None, figure_end);
    }
    // 给予100万元奖励: support granted per case, not a result to reach.
    if SUPPORT_WORDS
        .iter()
        .any(|word| after_in_part.contains(word))
    {
        return (None, figure_end);
    }
    if unit.is_none() {
        let ratio = RATIO_WORDS.iter().any(|word| before_in_part.contains(word));
        let compared = suffix.is_some() || prefix.is_some();
        if !(ratio && compared) {
            return (None, figure_end);
        }
    }

    let clause_prefix = CLAUSE_PREFIXES
        .iter()
        .find(|(word, _)| before_in_part.contains(word))
        .map(|&(_, comparator)| comparator);
    let comparator = if more {
        Comparator::MoreThan
    } else if let Some((_, comparator, _)) = suffix {
        comparator
    } else if unit.is_some() && level_and_above(chars, figure_end) {
        Comparator::AtLeast
    } else if let Some((comparator, _)) = prefix {
        comparator
    } else {
        clause_prefix.unwrap_or(Comparator::Reach)
    };
    let mark_start = start - prefix.map_or(0, |(_, len)| len);
    let clause_start = chars.clauses.start_before(start);
    let mut clause_end = chars.clauses.end_from(figure_end, chars.len());
    // 3个省、市级…中心: a 、 right after the figure lists qualifiers of the noun, not another item.
    if clause_end < part_end && clause_end == figure_end + 1 && chars.at(clause_end) == Some('、')
    {
        clause_end = part_end;
    }
    let target = Target {
        text: chars.slice(clause_start, clause_end).trim().to_string(),
        value,
        value_max,
        unit,
        comparator,
        start: chars.byte(mark_start),
        end: chars.byte(figure_end),
    };
    (Some(target), figure_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(f64, Option<f64>, Option<String>, Comparator)> {
        extract(text)
            .into_iter()
            .map(|t| (t.value, t.value_max, t.unit, t.comparator))
            .collect()
    }

    #[test]
    fn comparators() {
        assert_eq!(
            summary("新增2家以上。"),
            [(2.0, None, Some("家".into()), Comparator::AtLeast)]
        );
        assert_eq!(
            summary("突破1700家。"),
            [(1700.0, None, Some("家".into()), Comparator::Exceed)]
        );
        assert_eq!(
            summary("控制在1.122亿立方米以内,"),
            [(1.122, None, Some("亿立方米".into()), Comparator::AtMost)]
        );
        assert_eq!(
            summary("规模达到1700亿元左右。"),
            [(1700.0, None, Some("亿元".into()), Comparator::About)]
        );
        assert_eq!(
            summary("器材1000余件、场地10余处"),
            [
                (1000.0, None, Some("件".into()), Comparator::MoreThan),
                (10.0, None, Some("处".into()), Comparator::MoreThan)
            ]
        );
        assert_eq!(
            summary("提供学位1.5万余个。"),
            [(1.5, None, Some("万个".into()), Comparator::MoreThan)]
        );
        assert_eq!(
            summary("不少于5个。"),
            [(5.0, None, Some("个".into()), Comparator::AtLeast)]
        );
    }

    #[test]
    fn level_qualifier_makes_a_floor() {
        assert_eq!(
            summary("年内新增2家市级以上重点实验室。"),
            [(2.0, None, Some("家".into()), Comparator::AtLeast)]
        );
        assert_eq!(
            summary("认定5个省级及以上平台,"),
            [(5.0, None, Some("个".into()), Comparator::AtLeast)]
        );
        // A level without 以上 names the noun; the count is still the figure to reach.
        assert_eq!(
            summary("新增2家国家级实验室。"),
            [(2.0, None, Some("家".into()), Comparator::Reach)]
        );
    }

    #[test]
    fn ranges() {
        for text in [
            "评选基地3-5个",
            "评选基地3—5个",
            "评选基地3~5个",
            "评选基地3至5个",
        ] {
            assert_eq!(
                summary(text),
                [(3.0, Some(5.0), Some("个".into()), Comparator::Reach)],
                "{text}"
            );
        }
    }

    #[test]
    fn not_targets() {
        for text in [
            "2023年",
            "(2023—2025年)",
            "2012—2013年安装的",
            "“5个1”工作机制",
            "“1+3+1”行动",
            "全国民营企业500强",
            "浦里110千伏输变电",
            "12英寸先进封装",
            "关停单机容量30万千瓦以下煤电机组",
            "投资50亿元以上的储能电池",
            "发挥中车、国恩等16家链主企业领军作用",
            "4月27日",
            "6月底前",
            "(国发〔2022〕18号)",
            "电话0532-87868535",
            "办好2023中国•青岛时尚体育产业大会",
            "按每1000人测算",
            "给予最高50万元奖励",
            "对新认定的企业给予100万元一次性补助",
            "第3批",
        ] {
            assert_eq!(summary(text), [], "{text}");
        }
    }

    #[test]
    fn ratio_without_unit() {
        assert_eq!(
            summary("容积率原则上在1.5以上。"),
            [(1.5, None, None, Comparator::AtLeast)]
        );
        assert_eq!(
            summary("平均容积率提高至2.0以上,"),
            [(2.0, None, None, Comparator::AtLeast)]
        );
    }

    #[test]
    fn clause_prefix_reaches_the_list() {
        let found = summary(
            "年内至少吸引200项技术创新项目、20项重大科研成果、1000名驻区高校毕业生扎根城阳。",
        );
        assert!(
            found.iter().all(|t| t.3 == Comparator::AtLeast),
            "{found:?}"
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn highlight_range_is_on_char_boundaries() {
        let text = "力争总数突破30家。";
        let target = &extract(text)[0];
        assert_eq!(text.get(target.start..target.end), Some("突破30家"));
        assert_eq!(target.text, "力争总数突破30家");
    }
}
