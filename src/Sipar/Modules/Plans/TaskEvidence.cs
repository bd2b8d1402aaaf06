namespace Sipar.Modules.Plans;

/// <summary>Tài liệu kiểm chứng attached to a task by its lead or a coordinating unit.</summary>
internal sealed class TaskEvidence
{
    private TaskEvidence()
    {
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime At { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    /// <summary>Where the file store keeps it; never a path under the web root.</summary>
    public string StorageKey { get; private set; } = "";

    public string Sha256 { get; private set; } = "";

    internal static TaskEvidence Create(Guid taskId, Guid unitId, Guid userId, DateTime at, string fileName, string contentType, long size, string storageKey, string sha256) => new()
    {
        Id = Guid.CreateVersion7(),
        TaskId = taskId,
        UnitId = unitId,
        UserId = userId,
        At = at,
        FileName = fileName,
        ContentType = contentType,
        Size = size,
        StorageKey = storageKey,
        Sha256 = sha256,
    };
}
