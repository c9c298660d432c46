//! `letopis stats`: what the base holds.

use crate::cli::DataArgs;
use anyhow::Result;
use letopis_core::{Kind, Viewer};
use letopis_store::ListQuery;

pub fn run(args: &DataArgs) -> Result<()> {
    let opened = super::serve::open_base(args)?;
    let store = opened.engine.store.as_ref();
    let totals = store.totals()?;
    let everyone = Viewer::anonymous().filter(letopis_core::today());
    let all = Viewer::admin(letopis_core::UserId(0)).filter(letopis_core::today());
    println!("Каталог данных: {}", opened.dir.root().display());
    println!("{:<16} {:>10} {:>12}", "", "всего", "в открытом доступе");
    for kind in Kind::ALL {
        let q = ListQuery {
            limit: 0,
            ..ListQuery::new(kind)
        };
        let total = store.list(&q, &all)?.total;
        let public = store.list(&q, &everyone)?.total;
        println!("{:<16} {total:>10} {public:>12}", kind.plural());
    }
    println!(
        "связей: {}, согласий: {}, версий в истории: {}",
        totals.relations, totals.consents, totals.revisions
    );
    Ok(())
}
