using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_plans_reporting_periods_PlanId_Kind",
                table: "plans_reporting_periods");

            migrationBuilder.AddColumn<Guid>(
                name: "ObligationId",
                table: "plans_reporting_periods",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "plans_report_types",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LeadUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Periodicity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CutOffDay = table.Column<int>(type: "INTEGER", nullable: true),
                    DueRule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InternalRule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReportsOnPlan = table.Column<bool>(type: "INTEGER", nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_report_types", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_report_types_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_report_types_org_units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plans_report_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_report_obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plans_report_obligations_plans_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plans_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plans_report_obligations_plans_report_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "plans_report_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_report_obligations_plans_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plans_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "plans_report_type_contributors",
                columns: table => new
                {
                    TypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans_report_type_contributors", x => new { x.TypeId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_plans_report_type_contributors_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plans_report_type_contributors_plans_report_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "plans_report_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The CCHC report every plan owed so far becomes a report type of its agency and one report owed per plan;
            // the rows made here reuse the id of the agency or plan they are made for, so the move is one statement
            // per table on both databases. The periods keep their dates.
            migrationBuilder.Sql("""
                INSERT INTO plans_report_types ("Id", "AgencyId", "Code", "Name", "LegalBasis", "LeadUnitId", "Periodicity", "CutOffDay", "DueRule", "InternalRule", "Recipient", "ReportsOnPlan", "Schedule", "Version")
                SELECT a."AgencyId", a."AgencyId", 'CCHC', 'Báo cáo kết quả thực hiện công tác cải cách hành chính',
                       'Văn bản số 581/BNV-CCHC; kế hoạch cải cách hành chính năm của cơ quan', NULL, 'Quarterly', 14,
                       'ngày 20 tháng cuối kỳ', '5 ngày làm việc trước hạn', 'Sở Nội vụ', 1,
                       'Quarter1 15/12-14/03 20/03; HalfYear 15/12-14/06 20/06; Quarter3 15/06-14/09 20/09; Year 15/12-14/12 20/12', 0
                FROM (SELECT DISTINCT p."AgencyId" FROM plans_plans p WHERE EXISTS (SELECT 1 FROM plans_reporting_periods r WHERE r."PlanId" = p."Id")) a;
                """);
            migrationBuilder.Sql("""
                INSERT INTO plans_report_obligations ("Id", "PlanId", "TypeId", "TaskId", "CreatedAt")
                SELECT p."Id", p."Id", t."Id", NULL, CURRENT_TIMESTAMP
                FROM plans_plans p JOIN plans_report_types t ON t."AgencyId" = p."AgencyId" AND t."Code" = 'CCHC'
                WHERE EXISTS (SELECT 1 FROM plans_reporting_periods r WHERE r."PlanId" = p."Id");
                """);
            migrationBuilder.Sql("""
                UPDATE plans_reporting_periods SET "ObligationId" = (SELECT o."Id" FROM plans_report_obligations o WHERE o."PlanId" = plans_reporting_periods."PlanId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_plans_reporting_periods_ObligationId_Kind_WindowEnd",
                table: "plans_reporting_periods",
                columns: new[] { "ObligationId", "Kind", "WindowEnd" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_reporting_periods_PlanId",
                table: "plans_reporting_periods",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_obligations_PlanId_TypeId",
                table: "plans_report_obligations",
                columns: new[] { "PlanId", "TypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_obligations_TaskId",
                table: "plans_report_obligations",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_obligations_TypeId",
                table: "plans_report_obligations",
                column: "TypeId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_type_contributors_UnitId",
                table: "plans_report_type_contributors",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_types_AgencyId_Code",
                table: "plans_report_types",
                columns: new[] { "AgencyId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_report_types_LeadUnitId",
                table: "plans_report_types",
                column: "LeadUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_plans_reporting_periods_plans_report_obligations_ObligationId",
                table: "plans_reporting_periods",
                column: "ObligationId",
                principalTable: "plans_report_obligations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_plans_reporting_periods_plans_report_obligations_ObligationId",
                table: "plans_reporting_periods");

            migrationBuilder.DropTable(
                name: "plans_report_obligations");

            migrationBuilder.DropTable(
                name: "plans_report_type_contributors");

            migrationBuilder.DropTable(
                name: "plans_report_types");

            migrationBuilder.DropIndex(
                name: "IX_plans_reporting_periods_ObligationId_Kind_WindowEnd",
                table: "plans_reporting_periods");

            migrationBuilder.DropIndex(
                name: "IX_plans_reporting_periods_PlanId",
                table: "plans_reporting_periods");

            migrationBuilder.DropColumn(
                name: "ObligationId",
                table: "plans_reporting_periods");

            migrationBuilder.CreateIndex(
                name: "IX_plans_reporting_periods_PlanId_Kind",
                table: "plans_reporting_periods",
                columns: new[] { "PlanId", "Kind" },
                unique: true);
        }
    }
}
