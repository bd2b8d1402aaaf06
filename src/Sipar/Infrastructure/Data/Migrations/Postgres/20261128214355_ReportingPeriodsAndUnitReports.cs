using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportingPeriodsAndUnitReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plans_reporting_periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    ProvinceDueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    InternalDueDate = table.Column<DateOnly>(type: "date", nullable: false)
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
                name: "plans_unit_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Narrative = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    FirstSubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "plans_unit_report_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Progress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Actuals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                name: "IX_plans_reporting_periods_PlanId_Kind",
                table: "plans_reporting_periods",
                columns: new[] { "PlanId", "Kind" },
                unique: true);

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
                name: "plans_unit_report_lines");

            migrationBuilder.DropTable(
                name: "plans_unit_reports");

            migrationBuilder.DropTable(
                name: "plans_reporting_periods");
        }
    }
}
