using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DossierImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossiers_dossiers_AgencyId_Status",
                table: "dossiers_dossiers");

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "dossiers_procedures",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultDelivery",
                table: "dossiers_procedures",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Steps",
                table: "dossiers_procedures",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApologyPromptedOn",
                table: "dossiers_dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportHash",
                table: "dossiers_dossiers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportRunId",
                table: "dossiers_dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProcessingDays",
                table: "dossiers_dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossiers_import_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mapping = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_import_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossiers_import_runs_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_ImportRunId",
                table: "dossiers_dossiers",
                column: "ImportRunId");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_import_runs_AgencyId_At",
                table: "dossiers_import_runs",
                columns: new[] { "AgencyId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_dossiers_dossiers_dossiers_import_runs_ImportRunId",
                table: "dossiers_dossiers",
                column: "ImportRunId",
                principalTable: "dossiers_import_runs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_dossiers_dossiers_dossiers_import_runs_ImportRunId",
                table: "dossiers_dossiers");

            migrationBuilder.DropTable(
                name: "dossiers_import_runs");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_dossiers_ImportRunId",
                table: "dossiers_dossiers");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "dossiers_procedures");

            migrationBuilder.DropColumn(
                name: "ResultDelivery",
                table: "dossiers_procedures");

            migrationBuilder.DropColumn(
                name: "Steps",
                table: "dossiers_procedures");

            migrationBuilder.DropColumn(
                name: "ApologyPromptedOn",
                table: "dossiers_dossiers");

            migrationBuilder.DropColumn(
                name: "ImportHash",
                table: "dossiers_dossiers");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "dossiers_dossiers");

            migrationBuilder.DropColumn(
                name: "ProcessingDays",
                table: "dossiers_dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_AgencyId_Status",
                table: "dossiers_dossiers",
                columns: new[] { "AgencyId", "Status" });
        }
    }
}
