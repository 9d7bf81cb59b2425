//! Synthetic key-task documents of any size, for benchmarks and scale tests.
//! Deterministic from a seed (a tiny LCG, no `rand`), shaped like the seed document.

use crate::document::{Comparator, Document, Section, Target, Task, TaskNumber, Unit};

const SECTION_TITLES: [&str; 11] = [
    "实施创新驱动发展战略",
    "培优现代化产业体系",
    "培育完整内需体系",
    "践行绿色低碳发展",
    "提升城市发展品质",
    "实施乡村振兴战略",
    "全面深化改革开放",
    "深化文化赋能提升",
    "扎实促进共同富裕",
    "全方位守好安全底线",
    "组织实施",
];

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

const UNITS: [&str; 50] = [
    "区发展改革局",
    "区住房城市建设管理局",
    "区工业和信息化局",
    "区农业农村局",
    "区科技局",
    "区交通运输局",
    "区自然资源局",
    "城阳生态环境分局",
    "各街道",
    "区地方金融监管局",
    "区财政局",
    "区教育体育局",
    "区委宣传部",
    "区卫生健康局",
    "城阳规划分局",
    "区海洋发展局",
    "区人力资源社会保障局",
    "青岛高新区管委",
    "青岛轨道交通产业示范区管委",
    "各有关街道",
    "区综合执法局",
    "区民政局",
    "区机关事务服务中心",
    "区旅游发展中心",
    "区文化和旅游局",
    "区广电中心",
    "区市场监管局",
    "区大数据局",
    "区国有资产发展中心",
    "区中日韩协同发展促进中心",
    "红岛街道",
    "棘洪滩街道",
    "惜福镇街道",
    "夏庄街道",
    "城阳街道",
    "流亭街道",
    "上马街道",
    "城阳公安分局",
    "各功能区",
    "区贸促会",
    "区行政审批局",
    "区营商环境建设中心",
    "区招商促进中心",
    "区应急局",
    "区委编办",
    "区委组织部",
    "区城市管理发展中心",
    "区商务局",
    "区医保局",
    "区体育发展中心",
];

const VERBS: [&str; 16] = [
    "提升", "强化", "推进", "加快", "深化", "健全", "培育", "打造", "完善", "实施", "优化", "扩大",
    "促进", "做强", "壮大", "统筹",
];

const OBJECTS: [&str; 24] = [
    "企业技术创新能力",
    "科技平台载体赋能",
    "人才引育机制",
    "先进制造业集群",
    "数字经济发展",
    "消费扩容提质",
    "重大项目建设",
    "绿色低碳转型",
    "城市更新行动",
    "农村人居环境",
    "营商环境建设",
    "对外开放水平",
    "公共文化服务",
    "医疗卫生服务体系",
    "养老托育服务",
    "安全生产治理",
    "生态环境保护",
    "交通基础设施",
    "金融服务实体经济",
    "海洋经济发展",
    "现代物流体系",
    "教育优质均衡",
    "社会保障体系",
    "应急管理能力",
];

const CLAUSES: [&str; 14] = [
    "开展科技型中小企业创新能力“画像”",
    "推荐优质企业承担国家各级各类科技发展计划",
    "支持RISC-V团队打造省级重点实验室",
    "推进企业牵头高校院所共建联合实验室、研发中心",
    "强化要素保障,压实各方责任",
    "建立重点项目全生命周期服务机制",
    "深入实施“双碳”行动,推动能源结构调整",
    "完善城乡一体化发展体制机制",
    "持续优化政务服务“一网通办”",
    "加强部门协同联动,形成工作合力",
    "健全常态化监测预警和应急处置机制",
    "推动公共服务资源向基层延伸",
    "积极争取上级政策和资金支持",
    "做好宣传引导和舆情应对工作",
];

/// (phrase before the figure, measure word, comparator words after it, comparator)
const TARGET_FORMS: [(&str, &str, &str, Comparator); 8] = [
    (
        "年内新增市级以上重点实验室",
        "家",
        "以上",
        Comparator::AtLeast,
    ),
    (
        "推动实施市级技术创新重点项目",
        "个",
        "以上",
        Comparator::AtLeast,
    ),
    ("规上工业企业研发机构覆盖率达到", "%", "", Comparator::Reach),
    ("全年完成固定资产投资", "亿元", "左右", Comparator::About),
    ("新增城镇就业", "人", "以上", Comparator::AtLeast),
    ("改造老旧小区", "个", "", Comparator::Reach),
    ("单位GDP能耗下降控制在", "%", "以内", Comparator::AtMost),
    ("引进高层次人才", "名", "余", Comparator::MoreThan),
];

/// A linear congruential generator (Knuth's MMIX constants): enough variety for test data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, bound: usize) -> usize {
        // bound is small; the modulo bias is irrelevant for test data.
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A document of `n_tasks` tasks in 11 sections, with ~50 units (groups included), targets with
/// correct byte ranges and a units list. Same `(n_tasks, seed)`, same document.
pub fn synthetic_document(n_tasks: usize, seed: u64) -> Document {
    let mut rng = Lcg(seed ^ 0x5EED_0001_A05E);
    let sections: Vec<Section> = SECTION_TITLES
        .iter()
        .enumerate()
        .map(|(i, title)| Section {
            number: i as u32 + 1,
            numeral: NUMERALS[i].to_string(),
            title: (*title).to_string(),
        })
        .collect();

    let mut tasks: Vec<Task> = Vec::with_capacity(n_tasks);
    for i in 0..n_tasks {
        let number = i as TaskNumber + 1;
        // Sections in order, sizes roughly even, like a real document.
        let section = (i * sections.len() / n_tasks.max(1)) as u32 + 1;
        let title = format!("{}{}", rng.pick(&VERBS), rng.pick(&OBJECTS));
        let mut text = format!("{number}.{title}。");
        let mut targets = Vec::new();
        for _ in 0..(2 + rng.below(3)) {
            let clause = *rng.pick(&CLAUSES);
            text.push_str(clause);
            if rng.below(3) == 0 {
                let (phrase, measure, words, comparator) = *rng.pick(&TARGET_FORMS);
                let value = (1 + rng.below(300)) as f64;
                text.push(',');
                let phrase_start = text.len();
                text.push_str(phrase);
                let start = text.len();
                text.push_str(&format!("{value}{measure}{words}"));
                let end = text.len();
                targets.push(Target {
                    text: text[phrase_start..end].to_string(),
                    value,
                    value_max: None,
                    unit: Some(measure.to_string()),
                    comparator,
                    start,
                    end,
                });
            }
            text.push('。');
        }
        let lead_units = {
            let count = 1 + rng.below(3);
            distinct_units(&mut rng, count)
        };
        let participating_units: Vec<String> = {
            let count = rng.below(4);
            distinct_units(&mut rng, count)
        }
        .into_iter()
        .filter(|u| !lead_units.contains(u))
        .collect();
        text.push_str(&format!("(牵头单位:{}", lead_units.join("、")));
        if !participating_units.is_empty() {
            text.push_str(&format!(",参与单位:{}", participating_units.join("、")));
        }
        text.push(')');
        tasks.push(Task {
            number,
            section,
            title,
            text,
            lead_units,
            participating_units,
            targets,
            ..Task::default()
        });
    }

    let mut units: Vec<Unit> = Vec::new();
    for task in &tasks {
        for (name, leads) in task
            .lead_units
            .iter()
            .map(|u| (u, true))
            .chain(task.participating_units.iter().map(|u| (u, false)))
        {
            let at = match units.iter().position(|u| &u.name == name) {
                Some(at) => at,
                None => {
                    units.push(Unit {
                        name: name.clone(),
                        group: name.starts_with('各'),
                        ..Unit::default()
                    });
                    units.len() - 1
                }
            };
            if leads {
                units[at].leads.push(task.number);
            } else {
                units[at].joins.push(task.number);
            }
        }
    }

    let all_text: String = tasks
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Document {
        fingerprint: crate::fingerprint::fingerprint(&all_text),
        title: format!("合成测试文档({n_tasks}项重点工作任务)"),
        sections,
        tasks,
        units,
        ..Document::default()
    }
}

/// Distinct units, skewed towards the first ones as real documents are (区发展改革局 leads a lot).
fn distinct_units(rng: &mut Lcg, count: usize) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::new();
    while chosen.len() < count {
        let a = rng.below(UNITS.len());
        let b = rng.below(UNITS.len());
        let name = UNITS[a.min(b)].to_string();
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    chosen
}
