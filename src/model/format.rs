//! Dates and money as people read them. RFC 3339 times from the API are parsed by hand
//! (no date library in the wasm bundle); "now" is passed in, so all of it is testable.

/// Seconds since the Unix epoch of an RFC 3339 UTC time such as `2026-11-27T23:30:00Z`
/// (fractions and numeric offsets are accepted too). `None` if it is not one.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b' ')
        || b[13] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "27 Nov 2026": the date part, as sent (UTC).
pub fn date(s: &str) -> String {
    if parse_rfc3339(s).is_none() {
        return s.to_owned();
    }
    let month = s[5..7].parse::<usize>().unwrap_or(1);
    format!(
        "{} {} {}",
        s[8..10].trim_start_matches('0'),
        MONTHS[month - 1],
        &s[0..4]
    )
}

/// "27 Nov 2026, 23:30 UTC": for a title attribute with the exact time.
pub fn date_time(s: &str) -> String {
    if parse_rfc3339(s).is_none() {
        return s.to_owned();
    }
    format!("{}, {} UTC", date(s), &s[11..16])
}

/// "just now", "5 minutes ago", "in 3 days", "2 months ago".
pub fn relative(s: &str, now: i64) -> String {
    let Some(t) = parse_rfc3339(s) else {
        return s.to_owned();
    };
    let delta = t - now;
    let secs = delta.abs();
    if secs < 60 {
        return "just now".into();
    }
    let (n, unit) = match secs {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 86_400 * 30 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    let plural = if n == 1 { "" } else { "s" };
    if delta < 0 {
        format!("{n} {unit}{plural} ago")
    } else {
        format!("in {n} {unit}{plural}")
    }
}

/// Whether `s` is at or before `now`. Unparseable times never count as past.
pub fn is_past(s: &str, now: i64) -> bool {
    parse_rfc3339(s).is_some_and(|t| t <= now)
}

/// "$1,234.50"
pub fn money(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (sign, cents) = if cents < 0 {
        ("-", -cents)
    } else {
        ("", cents)
    };
    let dollars = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

/// Now, in seconds since the epoch, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-11-27T23:30:00Z"), Some(1_795_822_200));
        assert_eq!(
            parse_rfc3339("2026-11-27T23:30:00.123Z"),
            Some(1_795_822_200)
        );
        assert_eq!(
            parse_rfc3339("2026-11-28T01:30:00+02:00"),
            Some(1_795_822_200)
        );
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(parse_rfc3339("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn formats_dates() {
        assert_eq!(date("2026-11-07T23:30:00Z"), "7 Nov 2026");
        assert_eq!(date_time("2026-11-07T23:30:59Z"), "7 Nov 2026, 23:30 UTC");
        assert_eq!(date("not a date"), "not a date");
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = parse_rfc3339("2026-11-27T12:00:00Z").unwrap();
        assert_eq!(relative("2026-11-27T11:59:30Z", now), "just now");
        assert_eq!(relative("2026-11-27T11:55:00Z", now), "5 minutes ago");
        assert_eq!(relative("2026-11-27T11:00:00Z", now), "1 hour ago");
        assert_eq!(relative("2026-11-30T12:00:00Z", now), "in 3 days");
        assert_eq!(relative("2026-09-27T12:00:00Z", now), "2 months ago");
        assert_eq!(relative("2024-11-27T12:00:00Z", now), "2 years ago");
        assert!(is_past("2026-11-27T12:00:00Z", now));
        assert!(!is_past("2026-11-27T12:00:01Z", now));
    }

    #[test]
    fn money_has_cents_and_thousands() {
        assert_eq!(money(250.0), "$250.00");
        assert_eq!(money(1234.5), "$1,234.50");
        assert_eq!(money(1_000_000.0), "$1,000,000.00");
        assert_eq!(money(-3.456), "-$3.46");
        assert_eq!(money(0.0), "$0.00");
    }
}
