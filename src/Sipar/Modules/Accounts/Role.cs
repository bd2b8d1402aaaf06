namespace Sipar.Modules.Accounts;

/// <summary>What a person may do. All but Administrator and Appraiser are scoped to one agency.</summary>
public enum Role
{
    /// <summary>Quản trị hệ thống: accounts, agencies, units, calendars (province-wide).</summary>
    Administrator,

    /// <summary>Văn phòng: the plan's focal point in an agency.</summary>
    Office,

    /// <summary>Lãnh đạo cơ quan.</summary>
    Leader,

    /// <summary>Cán bộ phòng, đơn vị.</summary>
    UnitOfficer,

    /// <summary>Cán bộ Bộ phận Một cửa.</summary>
    DeskOfficer,

    /// <summary>Thẩm định viên (Sở Nội vụ), province-wide.</summary>
    Appraiser,

    /// <summary>Điều tra viên SIPAS.</summary>
    Surveyor,
}

public static class RoleExtensions
{
    public static bool IsAgencyScoped(this Role role) => role is not (Role.Administrator or Role.Appraiser);

    /// <summary>Resource key of the role's display name.</summary>
    public static string LabelKey(this Role role) => "Role." + role;
}

/// <summary>One role of one user, with the agency it applies to (null: the whole province).</summary>
public sealed class RoleAssignment
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
