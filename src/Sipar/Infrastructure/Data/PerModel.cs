using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sipar.Infrastructure.Data;

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// kept per EF model: EF refuses a compiled query on a model other than the one it was compiled for, and one process
/// can hold two (SQLite and PostgreSQL in the tests, or two hosts).
/// </summary>
internal sealed class PerModel<T>(Func<T> compile)
    where T : class
{
    private readonly ConditionalWeakTable<IModel, T> byModel = [];

    public T For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetValue(db.Model, _ => compile());
    }
}
