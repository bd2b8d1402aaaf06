namespace Sipar.Infrastructure.Data;

/// <summary>
/// An aggregate root (a plan, a unit report, a PAR INDEX assessment or campaign): its row carries a
/// <c>Version</c>, raised by every save that changes the root, and every such save checks the version it read.
/// Two people changing the same root at once, or a form posted after someone else's change
/// (<see cref="SiparDbContext.ExpectVersion"/>), end in a conflict — "someone changed this, reload" on pages, 409
/// from the API — never in a silent overwrite.
/// </summary>
#pragma warning disable CA1040 // A marker: which entities are roots is the information.
public interface IAggregateRoot;
#pragma warning restore CA1040
