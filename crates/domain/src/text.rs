//! Russian text helpers: collation and search keys, date formatting.

use chrono::NaiveDate;

/// A key that sorts names in Russian alphabetical order when compared byte-wise
/// (the databases compare it with a binary collation, so SQLite and PostgreSQL agree).
///
/// Cyrillic letters а–я are in alphabetical order in Unicode except «ё», which sits
/// outside the range; it sorts as «е» with a tie-break after it. Case is folded,
/// digits are padded so «№ 2» comes before «№ 10», and Latin letters come after Cyrillic.
pub fn collation_key(s: &str) -> String {
    let mut primary = String::with_capacity(s.len() + 8);
    let mut tiebreak = String::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            let trimmed = digits.trim_start_matches('0');
            // Length prefix makes numbers compare by value.
            primary.push(char::from(b'0' + (trimmed.len().min(9) as u8)));
            primary.push_str(trimmed);
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'ё' => {
                    primary.push('е');
                    tiebreak.push('1');
                }
                'а'..='я' => {
                    primary.push(l);
                    tiebreak.push('0');
                }
                // Latin letters after Cyrillic: shift them into a private range.
                'a'..='z' => primary.push(char::from_u32(0xE000 + l as u32).unwrap_or(l)),
                c if c.is_alphanumeric() => primary.push(c),
                // Punctuation and spaces collapse to one separator that sorts first.
                _ => {
                    if !primary.ends_with(' ') && !primary.is_empty() {
                        primary.push(' ');
                    }
                }
            }
        }
    }
    let primary = primary.trim_end().to_string();
    format!("{primary}\u{1}{tiebreak}")
}

/// A lower-cased, ё-folded form for case-insensitive substring search (Cyrillic too).
pub fn search_key(s: &str) -> String {
    let folded: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A room as people type it, reduced to what tells rooms apart: «ИМЦ, каб. 5», «ИМЦ
/// каб.5» and «имц, кабинет 5» are one room («имцкаб5»). Case, ё, spaces and punctuation
/// do not count; «кабинет»/«аудитория» count as «каб»/«ауд».
pub fn room_key(place: &str) -> String {
    let folded = search_key(place)
        .replace("кабинет", "каб")
        .replace("аудитория", "ауд");
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// ДД.ММ.ГГГГ, as Russian documents write dates.
pub fn format_date_ru(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Parses ДД.ММ.ГГГГ (and, for convenience, ISO ГГГГ-ММ-ДД).
pub fn parse_date_ru(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// «18 февраля 2021 года», as protocols write a date.
pub fn format_date_long_ru(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    format!(
        "{} {} {} года",
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// The surname and the initials («Губанова», «И.С.») of «Фамилия Имя Отчество» (or of two
/// words); None for a name already written with initials, or one word.
fn surname_and_initials(full: &str) -> Option<(&str, String)> {
    let parts: Vec<&str> = full.split_whitespace().collect();
    let is_name = |p: &&str| p.chars().next().is_some_and(char::is_uppercase) && !p.contains('.');
    if parts.len() < 2 || parts.len() > 3 || !parts.iter().all(is_name) {
        return None;
    }
    let initials: String = parts[1..]
        .iter()
        .filter_map(|p| p.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    Some((parts[0], initials))
}

/// «Фамилия И.О.» from «Фамилия Имя Отчество» (and «Фамилия И.» from two words); a name
/// already written with initials, or one word, stays as it is.
pub fn surname_initials(full: &str) -> String {
    match surname_and_initials(full) {
        Some((surname, initials)) => format!("{surname} {initials}"),
        None => full.trim().to_string(),
    }
}

/// «И.О. Фамилия», as a signature is printed under a protocol or an order.
pub fn initials_surname(full: &str) -> String {
    match surname_and_initials(full) {
        Some((surname, initials)) => format!("{initials} {surname}"),
        None => full.trim().to_string(),
    }
}

/// Sorts strings in Russian alphabetical order.
pub fn sort_ru<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|t| collation_key(key(t)));
}

/// Russian plural form: `plural(5, "школа", "школы", "школ")` → «школ».
pub fn plural<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.abs();
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        one
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        few
    } else {
        many
    }
}

/// «Имя Отчество» from «Фамилия Имя Отчество», for a polite greeting; anything that
/// does not look like a three-part name is returned as it is.
pub fn polite_name(full: &str) -> String {
    let parts: Vec<&str> = full.split_whitespace().collect();
    let is_person = parts
        .iter()
        .all(|p| p.chars().next().is_some_and(char::is_uppercase));
    if parts.len() == 3 && is_person {
        format!("{} {}", parts[1], parts[2])
    } else {
        full.to_string()
    }
}

/// «в» or «во» before a word: «во» before «в»/«ф» followed by a consonant
/// («во Владимирском районе», «в Лабинском районе»).
pub fn preposition_v(next: &str) -> &'static str {
    let mut chars = next.chars().flat_map(char::to_lowercase);
    let first = chars.next();
    let second = chars.next();
    let vowel = |c: char| "аеёиоуыэюя".contains(c);
    match (first, second) {
        (Some('в' | 'ф'), Some(c)) if !vowel(c) => "во",
        _ => "в",
    }
}

/// An optional text as stored: trimmed, and `None` when empty.
pub fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// «№ 14» that never breaks across lines: a non-breaking space after every «№» (and one
/// inserted where «№» stands right before a digit). The one helper for numbers of schools
/// and orders wherever they are shown.
pub fn numero(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '№' {
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
            out.push('\u{a0}');
        }
    }
    out
}

/// A desired period as Russian text: «с 01.12.2026 по 20.12.2026», «с …», «до …».
pub fn period_ru(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
    match (from, to) {
        (Some(a), Some(b)) => Some(format!("с {} по {}", format_date_ru(a), format_date_ru(b))),
        (Some(a), None) => Some(format!("с {}", format_date_ru(a))),
        (None, Some(b)) => Some(format!("до {}", format_date_ru(b))),
        (None, None) => None,
    }
}

/// A person's grammatical gender, as Russian agreement needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender a full name tells by its patronymic: «-вна», «-чна», «-шна» or «кызы» —
/// female; «-вич», «-ич» or «оглы» — male; `None` when there is no patronymic (initials,
/// an organisation, a single word).
pub fn gender_of(full_name: &str) -> Option<Gender> {
    let words: Vec<String> = full_name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    if words.iter().any(|w| w == "кызы" || w == "гызы") {
        return Some(Gender::Female);
    }
    if words.iter().any(|w| w == "оглы" || w == "улы") {
        return Some(Gender::Male);
    }
    // The first word is a surname or a first name, never a patronymic.
    let rest = words.iter().skip(1).filter(|w| w.chars().count() > 3);
    let rest: Vec<&String> = rest.collect();
    if rest
        .iter()
        .any(|w| w.ends_with("вна") || w.ends_with("чна") || w.ends_with("шна"))
    {
        return Some(Gender::Female);
    }
    if rest.iter().any(|w| w.ends_with("вич") || w.ends_with("ич")) {
        return Some(Gender::Male);
    }
    None
}

/// A past-tense verb agreed with the person: `past_tense("Иванова Анна Петровна",
/// "присутствовал")` → «присутствовала»; «присутствовал(а)» when the name does not tell.
pub fn past_tense(full_name: &str, masculine: &str) -> String {
    match gender_of(full_name) {
        Some(Gender::Male) => masculine.to_string(),
        Some(Gender::Female) => format!("{masculine}а"),
        None => format!("{masculine}(а)"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_room_however_it_is_typed() {
        use super::room_key;
        assert_eq!(room_key("ИМЦ, каб. 5"), "имцкаб5");
        assert_eq!(room_key("ИМЦ каб.5"), room_key("ИМЦ, каб. 5"));
        assert_eq!(room_key("имц, Кабинет 5"), room_key("ИМЦ, каб. 5"));
        assert_eq!(
            room_key("Актовый зал (2 этаж)"),
            room_key("актовый зал, 2 этаж")
        );
        assert_ne!(room_key("ИМЦ, каб. 5"), room_key("ИМЦ, каб. 15"));
        assert_eq!(room_key(" , . "), "");
    }

    #[test]
    fn preposition_before_a_name() {
        assert_eq!(preposition_v("Лабинском районе"), "в");
        assert_eq!(preposition_v("Владимирском районе"), "во");
        assert_eq!(preposition_v("Вологодском районе"), "в");
    }

    #[test]
    fn plural_and_polite_name() {
        assert_eq!(plural(1, "школа", "школы", "школ"), "школа");
        assert_eq!(plural(3, "школа", "школы", "школ"), "школы");
        assert_eq!(plural(11, "школа", "школы", "школ"), "школ");
        assert_eq!(plural(22, "школа", "школы", "школ"), "школы");
        assert_eq!(
            polite_name("Белозёрова Марина Викторовна"),
            "Марина Викторовна"
        );
        assert_eq!(
            polite_name("Региональная информационная система"),
            "Региональная информационная система"
        );
    }

    use super::*;

    #[test]
    fn russian_order_with_yo_and_numbers() {
        let mut v = vec![
            "Ёлкина Анна",
            "Елисеева Мария",
            "Яковлев Пётр",
            "абрамов Олег",
            "Жукова Ирина",
            "СОШ № 10",
            "СОШ № 2",
            "Zeta",
        ];
        sort_ru(&mut v, |s| s);
        assert_eq!(
            v,
            vec![
                "абрамов Олег",
                "Елисеева Мария",
                "Ёлкина Анна",
                "Жукова Ирина",
                "СОШ № 2",
                "СОШ № 10",
                "Яковлев Пётр",
                "Zeta",
            ]
        );
    }

    #[test]
    fn search_key_folds_case_and_yo() {
        assert_eq!(search_key("  МОБУ   СОШ Ёлочка "), "мобу сош елочка");
        assert!(search_key("Лабинский РАЙОН").contains(&search_key("район")));
    }

    #[test]
    fn long_dates_and_initials() {
        assert_eq!(
            initials_surname("Губанова Ирина Сергеевна"),
            "И.С. Губанова"
        );
        let d = NaiveDate::from_ymd_opt(2021, 2, 18).unwrap();
        assert_eq!(format_date_long_ru(d), "18 февраля 2021 года");
        assert_eq!(
            surname_initials("Сердариди Ольга Константиновна"),
            "Сердариди О.К."
        );
        assert_eq!(surname_initials("Бабич Анна"), "Бабич А.");
        assert_eq!(surname_initials("Губанова И.С."), "Губанова И.С.");
        assert_eq!(surname_initials("методисты МКУ ИМЦ"), "методисты МКУ ИМЦ");
    }

    #[test]
    fn dates_ru() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(format_date_ru(d), "01.09.2026");
        assert_eq!(parse_date_ru("01.09.2026"), Some(d));
        assert_eq!(parse_date_ru("2026-09-01"), Some(d));
        assert_eq!(parse_date_ru("31.02.2026"), None);
    }

    #[test]
    fn numero_never_breaks() {
        assert_eq!(numero("МОБУ СОШ № 14"), "МОБУ СОШ №\u{a0}14");
        assert_eq!(
            numero("Приказ №7 от 01.09.2026"),
            "Приказ №\u{a0}7 от 01.09.2026"
        );
        assert_eq!(numero("СОШ №  1 и № 2"), "СОШ №\u{a0}1 и №\u{a0}2");
        assert_eq!(numero("Гимназия"), "Гимназия");
    }

    #[test]
    fn periods_ru() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        assert_eq!(
            period_ru(d(12, 1), d(12, 20)).unwrap(),
            "с 01.12.2026 по 20.12.2026"
        );
        assert_eq!(period_ru(None, d(12, 20)).unwrap(), "до 20.12.2026");
        assert_eq!(period_ru(None, None), None);
    }

    #[test]
    fn gender_from_the_patronymic() {
        assert_eq!(
            gender_of("Белозёрова Марина Викторовна"),
            Some(Gender::Female)
        );
        assert_eq!(gender_of("Кузьмина Ольга Ильинична"), Some(Gender::Female));
        assert_eq!(gender_of("Соколова Анна Фомишна"), Some(Gender::Female));
        assert_eq!(gender_of("Иванов Пётр Сергеевич"), Some(Gender::Male));
        assert_eq!(gender_of("Петров Олег Ильич"), Some(Gender::Male));
        assert_eq!(gender_of("Алиева Айгюн Рашид кызы"), Some(Gender::Female));
        assert_eq!(gender_of("Мамедов Эльчин Рафик оглы"), Some(Gender::Male));
        assert_eq!(gender_of("Анна Ивановна Бабич"), Some(Gender::Female));
        assert_eq!(gender_of("Бабич Анна"), None);
        assert_eq!(gender_of("Петрова А. С."), None);
        assert_eq!(past_tense("Петрова Анна Сергеевна", "отметил"), "отметила");
        assert_eq!(past_tense("Петров А. С.", "отметил"), "отметил(а)");
    }
}
