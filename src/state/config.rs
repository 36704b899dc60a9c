//! Settings read at run time from `config.json` next to `index.html`, so one build can talk
//! to any server that speaks the contract.

use org_contract::from_json_for;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where the API lives: a path on this origin or a full URL.
    pub api_base: String,
}

fn default_api_base() -> String {
    org_contract::DEFAULT_API_BASE.to_owned()
}

// A missing `api_base` reads as "", which `Config::parse` turns into the default.
from_json_for!(Config { api_base = default });

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: default_api_base(),
        }
    }
}

impl Config {
    /// Reads `/config.json` (as index.html fetched it, if it did); a missing or broken file
    /// means the defaults.
    pub async fn load() -> Config {
        if let Some(text) = crate::api::early::config_text().await {
            return Config::parse(&text);
        }
        let response = gloo_net::http::Request::get("/config.json").send().await;
        match response {
            Ok(r) if r.ok() => r
                .text()
                .await
                .map(|t| Config::parse(&t))
                .unwrap_or_default(),
            _ => Config::default(),
        }
    }

    pub fn parse(text: &str) -> Config {
        let mut config: Config = org_contract::from_json(text).unwrap_or_default();
        config.api_base = config.api_base.trim_end_matches('/').to_owned();
        if config.api_base.is_empty() {
            config.api_base = default_api_base();
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_base_and_falls_back_to_the_default() {
        assert_eq!(
            Config::parse(r#"{"api_base": "https://api.example.com/v1/"}"#).api_base,
            "https://api.example.com/v1"
        );
        assert_eq!(Config::parse("{}").api_base, "/metal/v1");
        assert_eq!(Config::parse("not json").api_base, "/metal/v1");
        assert_eq!(Config::parse(r#"{"api_base": ""}"#).api_base, "/metal/v1");
    }
}
