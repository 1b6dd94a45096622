//! Pure decisions about one-time links: what they are for, whether one still works,
//! and the e-mail that carries one.

use chrono::NaiveDateTime;

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }

    pub fn parse(s: &str) -> Option<Purpose> {
        match s {
            "invite" => Some(Purpose::Invite),
            "reset" => Some(Purpose::Reset),
            _ => None,
        }
    }
}

/// Whether a link may still set a password: not used, not superseded, not expired.
pub fn usable(
    expires_at: NaiveDateTime,
    used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> bool {
    used_at.is_none() && revoked_at.is_none() && now < expires_at
}

/// Subject and text of the e-mail carrying a link (`url` is absolute).
pub fn mail(purpose: Purpose, name: &str, url: &str, expires: &str) -> (String, String) {
    let (subject, lead) = match purpose {
        Purpose::Invite => (
            "Приглашение в tutornet",
            "Вас пригласили в tutornet — систему муниципального сообщества тьюторов. \
             Чтобы войти, задайте пароль по ссылке:",
        ),
        Purpose::Reset => (
            "Сброс пароля в tutornet",
            "Для вашей учётной записи запрошен сброс пароля. Задайте новый пароль по ссылке:",
        ),
    };
    let mut text = format!(
        "{name}, здравствуйте!\n\n{lead}\n\n{url}\n\nСсылка одноразовая и действует до {expires}.\n"
    );
    if purpose == Purpose::Reset {
        text.push_str("Если вы не запрашивали сброс, просто не открывайте ссылку: пароль останется прежним.\n");
    }
    text.push_str("\n— tutornet, муниципальное сообщество тьюторов\n");
    (subject.to_string(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_once_and_until_it_expires() {
        let t = |h| {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert!(usable(t(12), None, None, t(11)));
        assert!(!usable(t(12), None, None, t(12)));
        assert!(!usable(t(12), Some(t(10)), None, t(11)));
        assert!(!usable(t(12), None, Some(t(10)), t(11)));
    }

    #[test]
    fn purposes_round_trip_and_mail_names_the_link() {
        for p in [Purpose::Invite, Purpose::Reset] {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
            let (_, text) = mail(
                p,
                "Анна",
                "http://x/password/set?token=t",
                "01.01.2027 10:00",
            );
            assert!(text.contains("token=t") && text.contains("01.01.2027"));
        }
        assert_eq!(Purpose::parse("other"), None);
    }
}
