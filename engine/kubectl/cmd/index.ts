/** Every verb module registers its command here (kubectl's pkg/cmd/<verb> layout). */
import "./get/get";
import "./create/create";
import "./run/run";
import "./expose/expose";
import "./apply/apply";
import "./delete/delete";
import "./describe/describe";
import "./info/info";
import "./config/config";
import "./metadata/label";
import "./scale/scale";
import "./patch/patch";
import "./node/node";
import "./logs/logs";
