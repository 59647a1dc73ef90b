//! Dev-only tools, kept out of the API crate: the demo store of fictional people (`casus demo`,
//! `casus-desktop --demo`, tests) and `casus bench`. Everything here goes through casus-app's public
//! API, except two hidden measuring hooks of the bench (see `casus_app::Session::bench_*`).

pub mod bench;
pub mod demo;
