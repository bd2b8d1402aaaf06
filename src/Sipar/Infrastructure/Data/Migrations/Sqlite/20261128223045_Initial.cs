using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "infra_data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infra_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_agencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "par_frameworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DeclaredTotal = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    IsFrozen = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_frameworks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_role_claims_accounts_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "accounts_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                    table.ForeignKey(
                        name: "FK_calendar_days_calendar_years_Year",
                        column: x => x.Year,
                        principalTable: "calendar_years",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "org_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_org_units_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_org_units_org_units_ParentId",
                        column: x => x.ParentId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plans_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SearchTitle = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Purposes = table.Column<string>(type: "TEXT", nullable: false),
                    Requirements = table.Column<string>(type: "TEXT", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", nullable: false),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SourceText = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_plans_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "par_framework_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MaxPoints = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RuleText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_framework_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_framework_items_par_framework_items_ParentId",
                        column: x => x.ParentId,
                        principalTable: "par_framework_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_par_framework_items_par_frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "par_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_users_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_accounts_users_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plans_duties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_duties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_duties_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_legal_bases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_legal_bases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_legal_bases_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailsSent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_reminders_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_reminders_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_reporting_periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProvinceDueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InternalDueDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_reporting_periods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_reporting_periods_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_sections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LeadUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeadIsAllUnits = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_sections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_sections_org_units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_sections_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_unit_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_unit_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_unit_flags_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_unit_flags_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_role_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_role_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_role_assignments_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_accounts_role_assignments_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_user_claims_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_accounts_user_logins_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_roles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_accounts_user_roles_accounts_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "accounts_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_accounts_user_roles_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_accounts_user_tokens_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_consolidated_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Difficulties = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Proposals = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_consolidated_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_consolidated_reports_plans_reporting_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "plans_reporting_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_unit_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    FirstSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_unit_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_unit_reports_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_unit_reports_plans_reporting_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "plans_reporting_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_section_coordinators",
                columns: table => new
                {
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_section_coordinators", x => new { x.SectionId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_plans_section_coordinators_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_section_coordinators_plans_sections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "plans_sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Recurrence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_tasks_plans_sections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "plans_sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_task_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_task_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_task_evidence_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_task_evidence_plans_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plans_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_task_targets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actual = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_task_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_task_targets_plans_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plans_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_task_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_task_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_task_updates_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_task_updates_plans_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plans_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans_unit_report_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Actuals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_unit_report_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_unit_report_lines_plans_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plans_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plans_unit_report_lines_plans_unit_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "plans_unit_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_role_assignments_AgencyId",
                table: "accounts_role_assignments",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_role_assignments_UserId_Role",
                table: "accounts_role_assignments",
                columns: new[] { "UserId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_role_claims_RoleId",
                table: "accounts_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "accounts_roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_user_claims_UserId",
                table: "accounts_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_user_logins_UserId",
                table: "accounts_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_user_roles_RoleId",
                table: "accounts_user_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "accounts_users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_AgencyId",
                table: "accounts_users",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_SearchName",
                table: "accounts_users",
                column: "SearchName");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_UnitId",
                table: "accounts_users",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "accounts_users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_ActorId",
                table: "audit_entries",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_EntityType_EntityId",
                table: "audit_entries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_days_Year",
                table: "calendar_days",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_org_agencies_SearchName",
                table: "org_agencies",
                column: "SearchName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_AgencyId_SearchName",
                table: "org_units",
                columns: new[] { "AgencyId", "SearchName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_ParentId",
                table: "org_units",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_par_framework_items_FrameworkId_Code",
                table: "par_framework_items",
                columns: new[] { "FrameworkId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_par_framework_items_ParentId",
                table: "par_framework_items",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_par_frameworks_Year_AgencyKind_SearchName",
                table: "par_frameworks",
                columns: new[] { "Year", "AgencyKind", "SearchName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_consolidated_reports_PeriodId",
                table: "plans_consolidated_reports",
                column: "PeriodId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_duties_PlanId",
                table: "plans_duties",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_legal_bases_PlanId",
                table: "plans_legal_bases",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_plans_AgencyId_Year",
                table: "plans_plans",
                columns: new[] { "AgencyId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_reminders_PlanId",
                table: "plans_reminders",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_reminders_UnitId_ReadAt",
                table: "plans_reminders",
                columns: new[] { "UnitId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_reporting_periods_PlanId_Kind",
                table: "plans_reporting_periods",
                columns: new[] { "PlanId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_section_coordinators_UnitId",
                table: "plans_section_coordinators",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_sections_LeadUnitId",
                table: "plans_sections",
                column: "LeadUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_sections_PlanId",
                table: "plans_sections",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_task_evidence_TaskId",
                table: "plans_task_evidence",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_task_evidence_UnitId",
                table: "plans_task_evidence",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_task_targets_TaskId",
                table: "plans_task_targets",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_task_updates_TaskId_At",
                table: "plans_task_updates",
                columns: new[] { "TaskId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_task_updates_UnitId",
                table: "plans_task_updates",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_tasks_SectionId",
                table: "plans_tasks",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_flags_PlanId",
                table: "plans_unit_flags",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_flags_UnitId",
                table: "plans_unit_flags",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_report_lines_ReportId",
                table: "plans_unit_report_lines",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_report_lines_TaskId",
                table: "plans_unit_report_lines",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_reports_PeriodId_UnitId",
                table: "plans_unit_reports",
                columns: new[] { "PeriodId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_unit_reports_UnitId",
                table: "plans_unit_reports",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_role_assignments");

            migrationBuilder.DropTable(
                name: "accounts_role_claims");

            migrationBuilder.DropTable(
                name: "accounts_user_claims");

            migrationBuilder.DropTable(
                name: "accounts_user_logins");

            migrationBuilder.DropTable(
                name: "accounts_user_roles");

            migrationBuilder.DropTable(
                name: "accounts_user_tokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "infra_data_protection_keys");

            migrationBuilder.DropTable(
                name: "par_framework_items");

            migrationBuilder.DropTable(
                name: "plans_consolidated_reports");

            migrationBuilder.DropTable(
                name: "plans_duties");

            migrationBuilder.DropTable(
                name: "plans_legal_bases");

            migrationBuilder.DropTable(
                name: "plans_reminders");

            migrationBuilder.DropTable(
                name: "plans_section_coordinators");

            migrationBuilder.DropTable(
                name: "plans_task_evidence");

            migrationBuilder.DropTable(
                name: "plans_task_targets");

            migrationBuilder.DropTable(
                name: "plans_task_updates");

            migrationBuilder.DropTable(
                name: "plans_unit_flags");

            migrationBuilder.DropTable(
                name: "plans_unit_report_lines");

            migrationBuilder.DropTable(
                name: "accounts_roles");

            migrationBuilder.DropTable(
                name: "accounts_users");

            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "par_frameworks");

            migrationBuilder.DropTable(
                name: "plans_tasks");

            migrationBuilder.DropTable(
                name: "plans_unit_reports");

            migrationBuilder.DropTable(
                name: "plans_sections");

            migrationBuilder.DropTable(
                name: "plans_reporting_periods");

            migrationBuilder.DropTable(
                name: "org_units");

            migrationBuilder.DropTable(
                name: "plans_plans");

            migrationBuilder.DropTable(
                name: "org_agencies");
        }
    }
}
