// Stand-in for office-addin-manifest under Jest (its ESM-only dependency cannot load here).
module.exports = { OfficeApp: {}, readManifestFile: async () => ({}) };
