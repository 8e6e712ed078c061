//! The page's static files, compiled into the binary so that the page loads nothing from
//! anywhere else. Each is linked with a hash of its content, so it can be cached for good.

use std::sync::LazyLock;

/// A file served under `/assets/NAME`.
pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

pub const ASSETS: [Asset; 3] = [
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("assets/style.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/app.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_str!("assets/favicon.svg"),
    },
];

pub fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|asset| asset.name == name)
}

/// The short content hash each asset is linked with.
fn version(name: &str) -> &'static str {
    static VERSIONS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
        ASSETS
            .iter()
            .map(|asset| {
                let hash = blake3::hash(asset.body.as_bytes()).to_hex();
                (asset.name, hash[..12].to_owned())
            })
            .collect()
    });
    VERSIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The link to an asset: `/assets/NAME?v=HASH`.
pub fn href(name: &str) -> String {
    format!("/assets/{name}?v={}", version(name))
}
