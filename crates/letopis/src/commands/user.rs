//! `letopis user add | list`: studio accounts from the command line, above all the first
//! administrator, who then invites everyone else from the studio.

use super::serve::open_base;
use crate::cli::{DataArgs, UserAddArgs};
use anyhow::{Context, Result, bail};
use letopis_core::account::{Email, Role, check_new_password};
use letopis_store::accounts::{NewUser, TokenPurpose};
use letopis_web::studio::auth;
use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// How long a link printed by the command works.
const LINK_SECONDS: i64 = 7 * 24 * 60 * 60;

pub fn add(args: &UserAddArgs) -> Result<()> {
    let opened = open_base(&args.data)?;
    let email = Email::parse(&args.email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let mut roles = Vec::new();
    for code in &args.roles {
        let role = Role::from_code(code).with_context(|| {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
            format!("неизвестная роль «{code}»; возможны: {}", known.join(", "))
        })?;
        roles.push(role);
    }
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_string());
    let ask = !args.link && std::io::stdin().is_terminal();
    let hash = if ask {
        let password = rpassword::prompt_password("Пароль (не меньше 10 символов): ")?;
        let again = rpassword::prompt_password("Пароль ещё раз: ")?;
        if password != again {
            bail!("пароли не совпадают");
        }
        check_new_password(&password, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
        Some(auth::hash_password(&password)?)
    } else {
        None
    };
    let store = &opened.engine.accounts;
    let id = store.create_user(
        &NewUser {
            email: email.clone(),
            display_name: name,
            roles,
        },
        hash.as_deref(),
    )?;
    if ask {
        println!("Участник {email} добавлен (№{id}). Вход: /studio/sign-in");
        return Ok(());
    }
    let token = auth::random_token()?;
    let now = jiff::Timestamp::now().as_second();
    store.create_token(
        &auth::token_hash(&token),
        id,
        TokenPurpose::Invite,
        now + LINK_SECONDS,
    )?;
    let public_url = opened.config.public_url()?;
    let base = match (&args.base_url, &public_url) {
        (Some(b), _) => b.trim_end_matches('/').to_string(),
        (None, Some(url)) => url.trim_end_matches('/').to_string(),
        (None, None) => local_base(opened.config.bind(args.bind)),
    };
    println!("Участник {email} добавлен (№{id}).");
    println!("Чтобы задать пароль, откройте ссылку (действует 7 дней, один раз):");
    println!("{base}/studio/set-password/{token}");
    if args.base_url.is_none() && public_url.is_none() {
        println!(
            "Ссылка ведёт на адрес, который слушает портал на этом компьютере. Чтобы ссылки вели \
             на сайт, укажите его адрес: public_url в letopis.toml или --base-url."
        );
    }
    Ok(())
}

/// The address of a portal listening on `bind`, for a link opened on the same machine: an
/// unspecified address (0.0.0.0, ::) is reached through the loopback one.
fn local_base(bind: SocketAddr) -> String {
    let host = match bind.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(host, bind.port()))
}

pub fn list(args: &DataArgs) -> Result<()> {
    let opened = open_base(args)?;
    let users = opened.engine.accounts.users()?;
    if users.is_empty() {
        println!(
            "Участников нет. Первого администратора добавляет: letopis user add --email … --role admin"
        );
    }
    for u in users {
        println!(
            "{:>4}  {:<32} {:<28} {}{}",
            u.id,
            u.email.as_str(),
            u.display_name,
            u.roles.labels_ru(),
            if u.has_password {
                ""
            } else {
                " (пароль не задан)"
            }
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::local_base;

    #[test]
    fn a_link_names_the_address_listened_on_reachable_from_here() {
        let base = |b: &str| local_base(b.parse().expect("address"));
        assert_eq!(base("127.0.0.1:9123"), "http://127.0.0.1:9123");
        assert_eq!(base("0.0.0.0:8000"), "http://127.0.0.1:8000");
        assert_eq!(base("[::]:8000"), "http://[::1]:8000");
        assert_eq!(base("192.168.1.5:80"), "http://192.168.1.5:80");
    }
}
