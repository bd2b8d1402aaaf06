using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "par_results",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "accounts_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_sessions_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_par_results_CampaignId",
                table: "par_results",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_sessions_UserId_EndedAt",
                table: "accounts_sessions",
                columns: new[] { "UserId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_sessions");

            migrationBuilder.DropIndex(
                name: "IX_par_results_CampaignId",
                table: "par_results");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "par_results");
        }
    }
}
