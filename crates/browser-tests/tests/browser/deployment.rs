//! The deployment switch is real (issue #20): under `LETOPIS_TEST_DEPLOYMENT=postgres+s3` a
//! site's records are rows of its own PostgreSQL database, and its media files are served from
//! the S3 bucket and from nowhere else. On SQLite there is nothing of the kind to prove, and the
//! test says so.

use anyhow::{Context, Result, bail, ensure};
use letopis_browser_tests::deployment::DEPLOYMENT_ENV;
use letopis_browser_tests::{Deployment, PageType, Site, fixture};
use letopis_core::entities::Place;
use letopis_core::history::Actor;
use letopis_core::{Body, Kind};
use letopis_media::s3::S3Location;
use letopis_media::seaweedfs::{ACCESS_KEY, SECRET_KEY};
use letopis_media::{BlobStore, Blobs, Limits, ObjectBlobs};
use letopis_store::{Draft, Op};

/// The first `/media/<sha256>` a page of the demo links to, with the record page it is on.
async fn a_shown_original(site: &Site) -> Result<(String, String)> {
    let http = reqwest::Client::new();
    for kind in Kind::ALL {
        let page = site.page(PageType::Record(kind));
        let text = http.get(&page).send().await?.text().await?;
        let found = text.split("/media/").skip(1).find_map(|rest| {
            let sha = rest.get(..64)?;
            sha.bytes()
                .all(|b| b.is_ascii_hexdigit())
                .then(|| sha.to_owned())
        });
        if let Some(sha) = found {
            return Ok((sha, page));
        }
    }
    bail!("no record page of the demo shows a media file")
}

/// A client of the test's own on the site's originals in the bucket.
fn bucket_of(site: &Site, staging: &std::path::Path) -> Result<ObjectBlobs> {
    let location: &S3Location = site
        .media_location()
        .context("a site on postgres+s3 keeps its originals in the bucket")?;
    Ok(location.open_with_keys(Limits::default(), staging, Some((ACCESS_KEY, SECRET_KEY)))?)
}

async fn get(url: &str) -> Result<(u16, Vec<u8>)> {
    let response = reqwest::get(url).await?;
    Ok((response.status().as_u16(), response.bytes().await?.to_vec()))
}

#[tokio::test]
async fn on_postgres_and_s3_records_are_in_the_database_and_media_in_the_bucket() -> Result<()> {
    let deployment = Deployment::from_env()?;
    if deployment != Deployment::PostgresS3 {
        println!(
            "skipped: the sites run on {} ({DEPLOYMENT_ENV} is not postgres+s3)",
            deployment.name()
        );
        return Ok(());
    }
    let scratch = tempfile::tempdir()?;

    // A site that only reads: the demo's originals it shows are objects of the shared bucket.
    let reader = Site::start()?;
    ensure!(reader.deployment == Deployment::PostgresS3);
    let (sha, page) = a_shown_original(&reader).await?;
    let demo_bucket = bucket_of(&reader, &scratch.path().join("demo"))?;
    let (status, served) = get(&reader.url(&format!("/media/{sha}"))).await?;
    assert_eq!(status, 200, "{page} shows /media/{sha}");
    assert!(demo_bucket.contains(&sha), "{sha} is in the demo's bucket");
    assert_eq!(served, demo_bucket.read(&sha)?, "the bucket's bytes");
    drop(reader);

    // A site of its own (database and prefix): what the bucket holds decides what it serves.
    let site = Site::start_studio()?;
    let url = site
        .database_url()
        .context("a site on postgres+s3 has a database")?
        .to_owned();
    let media = site.url(&format!("/media/{sha}"));
    assert_eq!(get(&media).await?.0, 404, "the site's prefix starts empty");
    let bucket = bucket_of(&site, &scratch.path().join("own"))?;
    let local = BlobStore::at(&fixture::demo_base()?.media_root, Limits::default());
    let original = local.local_path(&sha).context("the demo's original")?;
    bucket.put_verified(&sha, &original)?;
    let (status, served) = get(&media).await?;
    assert_eq!(status, 200, "{media} once the original is in the bucket");
    assert_eq!(served, std::fs::read(&original)?, "the original's bytes");
    ensure!(bucket.remove(&sha)?, "the original was in the bucket");
    assert_eq!(
        get(&media).await?.0,
        404,
        "{media} once the original is gone from the bucket"
    );

    // A record written through the site's store is a row of its PostgreSQL database, read back
    // by a client of the test's own, and the site shows it.
    let name = "Платформа «Фирсановка» (проверка PostgreSQL)";
    let made = site.store.apply(
        &Actor::system("deployment test"),
        vec![Op::Create(Draft::published(Body::Place(Place {
            name: name.into(),
            ..Place::default()
        })))],
        letopis_core::today(),
    )?;
    let id = made
        .into_iter()
        .next()
        .and_then(|outcome| outcome.record_id())
        .context("the place was created")?;
    let row = tokio::task::spawn_blocking(move || -> Result<(String, String)> {
        let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
        let row = client.query_one("SELECT title, slug FROM records WHERE id = $1", &[&id.0])?;
        Ok((row.get(0), row.get(1)))
    })
    .await??;
    let (title, slug) = row;
    assert!(title.contains("Фирсановка"), "the row's title: {title}");
    let (status, page) = get(&site.url(&format!("/{}/{slug}", Kind::Place.plural()))).await?;
    assert_eq!(status, 200);
    assert!(
        String::from_utf8_lossy(&page).contains("Фирсановка"),
        "the site shows the record"
    );
    Ok(())
}
