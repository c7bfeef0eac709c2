//! The workspace's signing key, and signed contribution bundles for the college.

use super::accounts::APP_VERSION;
use super::{BundleExported, Result, Workspace, WorkspaceError, read_user_file};
use crate::domain::bundle::{
    AssessmentData, Contribution, FiguresData, LogoData, Organisation as BundleOrg, RevisionData, RuleData,
    SignoffData, StatementRef, open_bundle, seal_bundle,
};
use crate::domain::envelope::{KeyPair, MAX_FILE_BYTES, PublicKey};
use crate::domain::fingerprint::hex;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Setting that holds the workspace's Ed25519 secret key (hex).
const SIGNING_KEY: &str = "signing.secret";

impl Workspace {
    /// The workspace's signing key, made on first use and kept in the workspace.
    pub fn signing_key(&self) -> Result<KeyPair> {
        if let Some(secret) = self.store.setting(SIGNING_KEY)? {
            let bytes: Vec<u8> = (0..secret.len())
                .step_by(2)
                .filter_map(|i| secret.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
                .collect();
            return KeyPair::from_secret(&bytes).map_err(|e| WorkspaceError::Broken(e.to_string()));
        }
        let key = KeyPair::generate().map_err(|e| WorkspaceError::Broken(e.to_string()))?;
        self.store.set_setting(SIGNING_KEY, &hex(&key.secret_bytes()))?;
        Ok(key)
    }

    /// The public half of the workspace's key.
    pub fn public_key(&self) -> Result<PublicKey> {
        Ok(self.signing_key()?.public())
    }

    /// Everything a bundle holds for an account, which must be signed off as it is now.
    pub fn contribution(&self, id: i64) -> Result<Contribution> {
        let state = self.require_signed(id, "it cannot be sent as a bundle", "")?;
        let account = self.account(id)?;
        let org = self.organisation()?.unwrap_or_default();
        let set = self.load_set(&account.key.set_id, &account.key.version)?;
        let statement = set
            .statement(&account.key.code)
            .ok_or_else(|| WorkspaceError::NoStatement { key: account.key.clone(), gone: true })?;
        let name = format!("“{}”", self.account_name(&account));
        let revision = self.signed_revision(id)?.filter(|r| r.fingerprint == state.fingerprint).ok_or_else(|| {
            WorkspaceError::NotSignedOff(format!("{name} has no signed revision of its page as it is now."))
        })?;
        let logo = self.logo()?.map(|(bytes, mime)| LogoData {
            mime,
            sha256: hex(&Sha256::digest(&bytes)),
            base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
        });
        let rule = self.signoff_rule()?;
        let own = self.assessment(&account.key)?;
        let assessment = own.stage.map(|stage| AssessmentData { stage: stage.as_str().to_owned(), rung: own.rung });
        Ok(Contribution {
            organisation: BundleOrg { name: org.name, email: org.email, area: org.area, formal: org.formal },
            logo,
            statement: StatementRef {
                set_id: set.id.clone(),
                set_version: set.version.clone(),
                set_title: set.title.clone(),
                code: statement.code.clone(),
                title: statement.title.clone(),
                text: statement.text.clone(),
            },
            revision: RevisionData {
                number: revision.number,
                title: revision.title,
                body: revision.body,
                created_at: revision.created_at,
            },
            fingerprint: state.fingerprint.clone(),
            signoffs: state
                .current()
                .map(|s| SignoffData {
                    // Copies kept as they were when signed, before the rule for names: shown
                    // without any hidden character they may hold.
                    name: crate::domain::names::visible(&s.name),
                    role: crate::domain::names::visible(&s.role),
                    lived_experience: s.lived_experience,
                    decision: s.decision.as_str().to_owned(),
                    note: s.note.clone(),
                    at: s.at.clone(),
                    fingerprint: s.fingerprint.clone(),
                })
                .collect(),
            rule: RuleData { approvals: rule.approvals, lived_experience_required: rule.lived_experience },
            exported_at: crate::store::now(),
            app_version: APP_VERSION.to_owned(),
            assessment,
            figures: self.newest_figures()?.map(|f| FiguresData {
                year: f.year.to_string(),
                people_supported: f.people_supported,
                support_hours: f.support_hours,
                volunteers: f.volunteers,
                volunteer_hours: f.volunteer_hours,
                lived_experience_roles: f.lived_experience_roles,
                note: f.note,
            }),
        })
    }

    /// Writes a signed contribution bundle of an account signed off as it is now.
    pub fn export_bundle(&self, id: i64, out: &Path) -> Result<BundleExported> {
        self.own_files().check(out)?;
        let (bytes, contribution, key) = self.sealed_bundle(id)?;
        self.own_files().write(out, &bytes)?;
        Ok(BundleExported {
            id,
            path: out.to_path_buf(),
            fingerprint: contribution.fingerprint,
            key: key.public().short(),
        })
    }

    /// The bytes of a signed contribution bundle of an account signed off as it is now (what
    /// `export bundle` writes, and the email carries), with what it holds and the key that
    /// sealed it.
    pub(super) fn sealed_bundle(&self, id: i64) -> Result<(Vec<u8>, Contribution, KeyPair)> {
        let contribution = self.contribution(id)?;
        // Names kept by an earlier version may hide a character the college would refuse: say
        // so here, where it can be mended.
        let o = &contribution.organisation;
        for (what, text) in [
            ("the organisation's name", o.name.as_str()),
            ("the area", &o.area),
            ("the email address", &o.email),
            ("the account's title", &contribution.revision.title),
        ] {
            crate::domain::names::check(text, what)?;
        }
        let key = self.signing_key()?;
        let bytes = seal_bundle(&contribution, &key).map_err(|e| WorkspaceError::Broken(e.to_string()))?;
        Ok((bytes, contribution, key))
    }
}

/// Reads and verifies a bundle file: its format, size, signature and fingerprint.
pub fn check_bundle_file(path: &Path) -> Result<(Contribution, PublicKey)> {
    let bytes = read_user_file(path, MAX_FILE_BYTES as u64, "bundle")?;
    open_bundle(&bytes).map_err(|e| WorkspaceError::in_file(e, path))
}
