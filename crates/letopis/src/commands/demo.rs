//! `letopis demo`: generate the demonstration museum into an empty data directory, then serve.

use crate::cli::DemoArgs;
use anyhow::{Context, Result};

pub fn run(args: &DemoArgs) -> Result<()> {
    let mut opened = super::serve::open(&args.serve.data)?;
    // The demo shows the «Дополните» page with an address; an invented one, on a reserved
    // domain, unless the operator configured theirs.
    opened
        .config
        .contact_email
        .get_or_insert_with(|| "muzey@letopis.example".into());
    // A base that holds records is served as it is, never generated over.
    let empty = opened.engine.store.totals()?.records == 0;
    if !empty {
        tracing::info!(
            "{} already holds a base; serving it as it is",
            opened.dir.root().display()
        );
    } else {
        let persons = usize::try_from(args.persons).unwrap_or(usize::MAX);
        tracing::info!(
            "generating the demo museum ({persons} persons, seed {})",
            args.seed
        );
        let summary = letopis_demo::generate(
            opened.engine.store.as_ref(),
            opened.engine.accounts.as_ref(),
            opened.blobs.as_ref(),
            &letopis_demo::DemoOptions {
                persons,
                seed: args.seed,
            },
            letopis_core::today(),
        )
        .context("не удалось создать демонстрационный музей")?;
        tracing::info!("demo museum ready: {summary}");
        let people = letopis_demo::add_working_groups(opened.engine.accounts.as_ref())
            .context("не удалось создать рабочие группы демонстрационного музея")?;
        tracing::info!("{people} invented staff in the demo's working groups (no passwords)");
        let kits = letopis_demo::add_lesson_kits(
            opened.engine.store.as_ref(),
            opened.engine.accounts.as_ref(),
            letopis_core::today(),
        )
        .context("не удалось создать уроки и экскурсию демонстрационного музея")?;
        tracing::info!("{kits} lesson kits and tours published by the demo's teacher");
        let publications = letopis_demo::add_media_plan(
            opened.engine.store.as_ref(),
            opened.engine.accounts.as_ref(),
            letopis_core::today(),
        )
        .context("не удалось создать медиаплан демонстрационного музея")?;
        tracing::info!("{publications} publications in the demo's media plan");
        // The roadmap is seeded when the council first opens its report; the demo seeds it
        // now to give its activities a standing.
        let accounts = opened.engine.accounts.as_ref();
        accounts
            .seed_activities(&letopis_web::studio::roadmap::parse(
                letopis_web::studio::roadmap::SEED,
            ))
            .context("не удалось завести дорожную карту демонстрационного музея")?;
        let standings = letopis_demo::add_activity_progress(accounts, letopis_core::today())
            .context("не удалось заполнить ход мероприятий демонстрационного музея")?;
        tracing::info!("{standings} roadmap activities given a standing");
        let venues =
            letopis_demo::add_venues(opened.engine.accounts.as_ref(), letopis_core::today())
                .context("не удалось добавить площадки демонстрационного музея")?;
        tracing::info!("{venues} venues in the demo's micro-districts");
        let papers = letopis_demo::add_conference(
            opened.engine.store.as_ref(),
            opened.engine.accounts.as_ref(),
            opened.blobs.as_ref(),
            letopis_core::today(),
        )
        .context("не удалось создать конференцию демонстрационного музея")?;
        tracing::info!("{papers} papers in the demo's conference");
        if args.transcript_hours > 0 {
            let hours = usize::try_from(args.transcript_hours).unwrap_or(usize::MAX);
            let words = letopis_demo::add_recorded_hours(opened.engine.store.as_ref(), hours)
                .context("не удалось добавить расшифровки для нагрузочной проверки")?;
            tracing::info!("{hours} hours of transcript added ({words} words)");
        }
    }
    demo_map(&mut opened, empty)?;
    if args.generate_only {
        return Ok(());
    }
    super::serve::serve(opened, args.serve.bind)
}

/// The demo's base maps (today and 1941, schematics drawn by `letopis_demo::basemap`) in
/// `DIR/map/`, drawn once; the portal shows them unless the operator configured a map of their
/// own in `[map]`. A directory the demo has just filled and that has no `letopis.toml` gets one
/// naming them, so `letopis serve` over it shows the same map.
fn demo_map(opened: &mut super::serve::Opened, fresh: bool) -> Result<()> {
    use letopis_demo::basemap;
    let map = &mut opened.base.config.map;
    if map.mbtiles.is_some() || map.tiles.is_some() || map.historic.is_some() {
        return Ok(());
    }
    let dir = opened.base.dir.root().join("map");
    let (today, historic) = (
        dir.join(basemap::TODAY_FILE),
        dir.join(basemap::HISTORIC_FILE),
    );
    if !today.is_file() || !historic.is_file() {
        let started = std::time::Instant::now();
        let maps = basemap::write(&dir).context("не удалось нарисовать карту демонстрации")?;
        tracing::info!(
            "demo base maps drawn in {:?}: {} tiles each, {} and {}",
            started.elapsed(),
            maps.tiles,
            maps.today.display(),
            maps.historic.display()
        );
    }
    let config_file = opened.base.dir.config_file();
    if fresh && !config_file.exists() {
        std::fs::write(&config_file, demo_config())
            .with_context(|| format!("не удалось записать {}", config_file.display()))?;
    }
    map.mbtiles = Some(today);
    map.attribution = Some(basemap::TODAY_ATTRIBUTION.into());
    map.label = Some(basemap::TODAY_LABEL.into());
    map.historic = Some(crate::config::HistoricSection {
        mbtiles: Some(historic),
        label: Some(basemap::HISTORIC_LABEL.into()),
        attribution: Some(basemap::HISTORIC_ATTRIBUTION.into()),
    });
    Ok(())
}

/// `letopis.toml` of a fresh demo directory: its base maps, by paths relative to it.
fn demo_config() -> String {
    use letopis_demo::basemap;
    format!(
        "# Written by `letopis demo`: the demonstration's schematic base maps (README, «Карта»).\n\
         [map]\n\
         mbtiles = \"map/{}\"\n\
         attribution = \"{}\"\n\
         label = \"{}\"\n\n\
         [map.historic]\n\
         mbtiles = \"map/{}\"\n\
         label = \"{}\"\n\
         attribution = \"{}\"\n",
        basemap::TODAY_FILE,
        basemap::TODAY_ATTRIBUTION,
        basemap::TODAY_LABEL,
        basemap::HISTORIC_FILE,
        basemap::HISTORIC_LABEL,
        basemap::HISTORIC_ATTRIBUTION,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_configuration_names_its_maps() {
        let config: crate::config::FileConfig =
            toml::from_str(&super::demo_config()).expect("valid TOML of the configuration");
        let historic = config.map.historic.expect("a historic layer");
        assert_eq!(historic.label.as_deref(), Some("1941"));
        assert_eq!(
            config.map.mbtiles.as_deref(),
            Some(std::path::Path::new("map/khimki.mbtiles"))
        );
    }
}
