//! Bidirectional text: which runs of a text need isolating so that they read right in a
//! right-to-left page (Arabic, Urdu, Dari, ...), and which numbers are phone numbers.
//! Pure functions over one text node; the Markdown renderer calls them.
use crate::web::markup::escape;

/// Letters of right-to-left scripts: Hebrew, Arabic (with its supplements and
/// presentation forms, used for Arabic, Urdu, Dari, Pashto), Syriac, Thaana, N'Ko.
pub fn is_rtl_letter(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The text as HTML with its runs isolated, or `None` when nothing needs it. `links`
/// says whether phone numbers may become links (not inside another link).
pub fn isolated_html(text: &str, links: bool) -> Option<String> {
    let has_rtl = text.chars().any(is_rtl_letter);
    let chars: Vec<char> = text.chars().collect();
    let mut html = String::with_capacity(text.len() + 32);
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = number_run(&chars, i) {
            let run: String = chars[i..end].iter().collect();
            let digits: String = run.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            if links && is_phone_number(&run) {
                html.push_str(&format!("<a href=\"tel:{digits}\" dir=\"ltr\">{}</a>", escape(&run)));
                changed = true;
            } else if run.contains(' ') && (has_rtl || run.starts_with('+')) {
                html.push_str(&format!("<bdi dir=\"ltr\">{}</bdi>", escape(&run)));
                changed = true;
            } else {
                html.push_str(&escape(&run));
            }
            i = end;
        } else if has_rtl && chars[i].is_ascii_alphabetic() {
            let end = latin_run(&chars, i);
            let run: String = chars[i..end].iter().collect();
            html.push_str(&format!("<bdi>{}</bdi>", escape(&run)));
            changed = true;
            i = end;
        } else {
            html.push_str(&escape(&chars[i].to_string()));
            i += 1;
        }
    }
    changed.then_some(html)
}

/// A number starting at `start` (not inside a word or a decimal): digit groups
/// separated by single spaces, with an optional leading `+`. Its end, if there is one.
fn number_run(chars: &[char], start: usize) -> Option<usize> {
    let before = start.checked_sub(1).map(|b| chars[b]);
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '+' | '-' | '/')) {
        return None;
    }
    let mut i = start;
    if chars.get(i) == Some(&'+') {
        i += 1;
    }
    if !chars.get(i).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let mut end = i;
    loop {
        while chars.get(end).is_some_and(char::is_ascii_digit) {
            end += 1;
        }
        // Another group follows a single space; a comma or dot ends the number (38,5).
        if matches!(chars.get(end), Some(' ') | Some('\u{a0}')) && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
            end += 1;
            continue;
        }
        break;
    }
    if chars.get(end).is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '.') && chars.get(end + 1).is_some_and(char::is_ascii_digit)) {
        return None;
    }
    Some(end)
}

/// A Latin run: from a Latin letter through letters, digits, spaces and the punctuation
/// inside names and addresses, ending on a letter or digit.
fn latin_run(chars: &[char], start: usize) -> usize {
    let mut end = start;
    let mut last_good = start;
    while let Some(&c) = chars.get(end) {
        if c.is_ascii_alphanumeric() || matches!(c, 'æ' | 'ø' | 'å' | 'Æ' | 'Ø' | 'Å' | 'é' | 'ü' | 'ö' | 'ä') {
            end += 1;
            last_good = end;
        } else if matches!(c, ' ' | '.' | '-' | '/' | '@' | '\'') && chars.get(end + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
            end += 1;
        } else {
            break;
        }
    }
    last_good
}

/// Norwegian phone numbers: eight digits (in any grouping, with or without +47), and
/// the national emergency and out-of-hours numbers 110, 112, 113 and 116 117. Other
/// numbers (38,5 grader, 2026, 10 000 kr) are not.
pub fn is_phone_number(run: &str) -> bool {
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let groups: Vec<&str> = run.trim_start_matches('+').split([' ', '\u{a0}']).collect();
    let national = digits.strip_prefix("47").filter(|_| run.starts_with('+')).unwrap_or(&digits);
    match national.len() {
        3 => matches!(national, "110" | "112" | "113") && groups.len() == 1,
        6 => national == "116117",
        8 => groups.iter().all(|g| (2..=4).contains(&g.len()) || g.len() == 8 || (run.starts_with('+') && g.len() == 2 && *g == "47")),
        _ => false,
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_told_from_other_numbers() {
        for phone in ["113", "116 117", "22 11 77 00", "22117700", "911 22 333", "+47 22 11 77 00", "4000 1234"] {
            assert!(is_phone_number(phone), "{phone}");
        }
        for other in ["38", "2026", "10 000", "100 000", "1 2 3 4 5 6 7 8", "15", "114"] {
            assert!(!is_phone_number(other), "{other}");
        }
    }

    #[test]
    fn only_what_needs_it_is_isolated() {
        assert_eq!(isolated_html("Feber over 38,5 grader i 2026.", true), None);
        assert_eq!(isolated_html("أعلى من 38.5 درجة", true), None, "a decimal is one number");
        assert_eq!(
            isolated_html("اتصل بـ Ahus legevakt على 116 117", true).unwrap(),
            "اتصل بـ <bdi>Ahus legevakt</bdi> على <a href=\"tel:116117\" dir=\"ltr\">116 117</a>"
        );
        assert_eq!(isolated_html("الرقم 10 000", true).unwrap(), "الرقم <bdi dir=\"ltr\">10 000</bdi>");
        assert_eq!(isolated_html("Ring 113 <nå>", false), None, "no link inside a link; nothing else to do");
        assert_eq!(isolated_html("Ring 113 & kom", true).unwrap(), "Ring <a href=\"tel:113\" dir=\"ltr\">113</a> &amp; kom");
    }
}
