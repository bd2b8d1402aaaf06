using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Dossiers;

/// <summary>What an import wrote: procedures or dossiers.</summary>
internal enum ImportKind
{
    Procedures,
    Dossiers,
}

/// <summary>
/// One confirmed import: who, when, which file (name and SHA-256), and what it changed. It is saved through the audit
/// trail like every change; dossiers written in bulk carry its id (<see cref="Dossier.ImportRunId"/>), so every
/// imported row leads back to the run that last wrote it.
/// </summary>
internal sealed class ImportRun : IAggregateRoot
{
    public const int FileNameMaxLength = 255;

    private ImportRun()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public ImportKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public Guid? By { get; private set; }

    public string FileName { get; private set; } = "";

    public string Sha256 { get; private set; } = "";

    /// <summary>The column mapping used, as JSON (to repeat the import from the CLI).</summary>
    public string Mapping { get; private set; } = "{}";

    public int Rows { get; private set; }

    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public static ImportRun Start(Guid agencyId, ImportKind kind, string fileName, byte[] sha256, string mapping, DateTime at, Guid? by) => new()
    {
        Id = Guid.CreateVersion7(),
        AgencyId = agencyId,
        Kind = kind,
        At = at,
        By = by,
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName,
        Sha256 = Convert.ToHexStringLower(sha256),
        Mapping = mapping,
    };

    public void Count(int rows, int created, int updated, int unchanged)
    {
        Rows = rows;
        Created = created;
        Updated = updated;
        Unchanged = unchanged;
    }
}
