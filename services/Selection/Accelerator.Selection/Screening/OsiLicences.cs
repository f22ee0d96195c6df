namespace Accelerator.Selection.Screening;

/// <summary>
/// SPDX identifiers of licences approved by the Open Source Initiative (opensource.org/licenses), the ones a
/// startup's public repository is likely to carry. Licences that are open-weight but not OSI-approved
/// (Llama Community, RAIL, CC-BY-NC) are deliberately absent: they do not make a repository open source.
/// </summary>
public static class OsiLicences
{
    public static readonly IReadOnlySet<string> Approved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "Artistic-2.0",
        "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSL-1.0", "CDDL-1.0", "CECILL-2.1", "ECL-2.0",
        "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2", "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0",
        "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0",
        "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT", "MIT-0", "MPL-2.0", "MS-PL", "MS-RL", "MulanPSL-2.0",
        "NCSA", "OFL-1.1", "OSL-3.0", "PostgreSQL", "UPL-1.0", "Unlicense", "Zlib",
    };
}
