namespace Sipar.Modules.Accounts;

/// <summary>One role of one user, with the agency it applies to (null: the whole province).</summary>
internal sealed class RoleAssignment
{
    private RoleAssignment()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Role Role { get; private set; }

    public Guid? AgencyId { get; private set; }

    internal static RoleAssignment Create(Guid userId, Role role, Guid? agencyId) =>
        new() { Id = Guid.CreateVersion7(), UserId = userId, Role = role, AgencyId = agencyId };

    internal void Rescope(Guid? agencyId) => AgencyId = agencyId;
}
