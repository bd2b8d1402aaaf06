using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Sipar.Infrastructure.Data;

/// <summary>
/// PostgreSQL binary COPY of entities, with the table's columns, types and value conversions taken from the EF model,
/// so a bulk path writes exactly what <c>SaveChanges</c> would (enums as text, UTC instants, dates). Used where a
/// million rows must land in seconds: the dossier import, the benchmark generator.
/// </summary>
public static class BulkCopy
{

    /// <summary>The mapped columns of <typeparamref name="T"/>, in model order, and their table.</summary>
    public static (string Table, IReadOnlyList<(IProperty Property, string Column)> Columns) Shape<T>(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name + " is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (entity.GetTableName()!, entity.GetProperties().Select(p => (p, p.GetColumnName(table)!)).ToList());
    }

    /// <summary>Starts a COPY into <paramref name="table"/> (the entity's own table, or a temporary one shaped like it).</summary>
    public static async Task<BulkCopyWriter<T>> StartAsync<T>(DbContext db, string table, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var (_, shape) = Shape<T>(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var list = string.Join(", ", shape.Select(c => Quote(c.Column)));
        var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)", ct);
        // Millions of rows end with index maintenance that takes longer than a statement's default 30 s.
        importer.Timeout = TimeSpan.FromMinutes(30);
        return new BulkCopyWriter<T>(importer, shape.Select(c => (c.Property, DataType(c.Property))).ToList());
    }

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The column's type without its length ("character varying(40)" → "character varying").</summary>
    private static string DataType(IProperty property)
    {
        var type = property.GetColumnType();
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? type : type[..paren].Trim();
    }
}

/// <summary>One running COPY (<see cref="BulkCopy.StartAsync{T}"/>).</summary>
public sealed class BulkCopyWriter<T> : IAsyncDisposable
    where T : class
{
    private readonly NpgsqlBinaryImporter importer;
    private readonly Column[] columns;

    internal BulkCopyWriter(NpgsqlBinaryImporter importer, List<(IProperty Property, string Type)> columns)
    {
        this.importer = importer;
        // Everything per column is looked up once, not once per row.
        this.columns = columns.Select(c => new Column(
            c.Property.IsShadowProperty() ? null : c.Property.GetGetter(),
            c.Property.GetTypeMapping().Converter,
            // A shadow property (the aggregate's version) starts at its default, as a first save would write it.
            c.Property.ClrType.IsValueType && Nullable.GetUnderlyingType(c.Property.ClrType) is null ? Activator.CreateInstance(c.Property.ClrType) : null,
            c.Type)).ToArray();
    }

    /// <summary>
    /// Writes one row. The values go into Npgsql's buffer synchronously (an await per column of a million rows costs more
    /// than the copy itself); the buffer is flushed to the server as it fills.
    /// </summary>
    public Task WriteAsync(T entity, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        importer.StartRow();
        foreach (var column in columns)
        {
            var value = column.Getter is { } getter ? getter.GetClrValue(entity) : column.Default;
            if (value is not null && column.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, column.Type);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the COPY; the rows count as written only now.</summary>
    public async Task<ulong> CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

    public ValueTask DisposeAsync() => importer.DisposeAsync();

    private sealed record Column(IClrPropertyGetter? Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, object? Default, string Type);
}
