using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DossierRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossiers_rollup",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Stay = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    M1 = table.Column<int>(type: "INTEGER", nullable: false),
                    M2 = table.Column<int>(type: "INTEGER", nullable: false),
                    M3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Flag = table.Column<bool>(type: "INTEGER", nullable: false),
                    Histogram = table.Column<string>(type: "TEXT", nullable: true),
                    N1 = table.Column<int>(type: "INTEGER", nullable: false),
                    N2 = table.Column<int>(type: "INTEGER", nullable: false),
                    N3 = table.Column<int>(type: "INTEGER", nullable: false),
                    N4 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_rollup", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossiers_rollup_marks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_rollup_marks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_AppointmentDate_unfinished",
                table: "dossiers_dossiers",
                column: "AppointmentDate",
                filter: "\"FinishedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_rollup_AgencyId_Bucket",
                table: "dossiers_rollup",
                columns: new[] { "AgencyId", "Bucket" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_rollup_marks_AgencyId_Bucket",
                table: "dossiers_rollup_marks",
                columns: new[] { "AgencyId", "Bucket" });

            // Every month that has dossiers is built by the first read of the indicators (ADR 0022).
            migrationBuilder.Sql("""
                INSERT INTO dossiers_rollup_marks ("Id", "AgencyId", "Bucket")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), "AgencyId", b
                FROM (SELECT DISTINCT "AgencyId", CAST(strftime('%Y%m', "ReceivedAt", '+7 hours') AS INTEGER) AS b FROM dossiers_dossiers) m
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossiers_rollup");

            migrationBuilder.DropTable(
                name: "dossiers_rollup_marks");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_dossiers_AppointmentDate_unfinished",
                table: "dossiers_dossiers");
        }
    }
}
